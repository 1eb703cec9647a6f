//! Mining: which word sequences recur across at least N documents, counted exactly.
//!
//! 1. **Per document, in parallel** ([`PhraseMiner::extract`]): the text proper is segmented
//!    (see `segment`) into a sequence of token ids (`u32`): a word's id from a shared
//!    interner, or a break (numbers, dates, 文号, titles, other punctuation, line ends), or a
//!    clause-ending mark (`。` `：` `；` `！` `？`). `，` and `、` are words that may stand inside
//!    a phrasing. Each token carries the place of its clause (see `place`).
//! 2. **Level-wise counting** ([`PhraseMiner::build`], Apriori): a k-word sequence can recur
//!    in N documents only if both its (k−1)-word prefix and suffix do. Level 1 counts the
//!    document frequency of words; level k looks only at positions where the (k−1)-grams at
//!    `i` and `i+1` are both frequent, and counts the candidate `(prefix id, last word)` keys:
//!    each document's keys deduplicated, all of them in one vector, sorted, runs counted.
//!    Frequent k-grams get ids, and each document's array of gram ids is advanced in place.
//!    Up to 8 words and 24 characters. Exact; memory is linear in the number of tokens.
//! 3. **Selection**: a phrasing has at least 4 characters, neither starts nor ends with `，`
//!    or `、` or a particle, holds no person or place name (jieba POS `nr`, `ns`), and is
//!    *closed to the right*: a sequence always followed by the same word (equal document
//!    frequency) gives way to the longer one. At most [`MAX_PHRASES`], most frequent first.
//! 4. **Statistics**: one pass with a trie of the selected phrasings over every document
//!    records, per phrasing, the documents using it at each place and of each kind, and the
//!    punctuation that follows it.

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHasher};

use crate::document::Document;
use crate::phrases::index::{KINDS, Phrase, PhraseIndex, kind_code};
use crate::phrases::place::{self, Place};
use crate::phrases::segment::{JIEBA, PieceClass, ShadowLines, segment};
use crate::text::TextRange;

/// A break between phrasings.
pub(crate) const BREAK: u32 = 0;
/// Clause-ending marks; the id of `MARKS[i]` is `i + 1`.
pub(crate) const MARKS: [char; 5] = ['。', '：', '；', '！', '？'];
pub(crate) const FIRST_WORD: u32 = 8;
pub(crate) const NONE: u32 = u32::MAX;

/// The longest phrasing, in words and in characters.
pub const MAX_WORDS: usize = 8;
pub const MAX_CHARS: usize = 24;
pub const MIN_CHARS: usize = 4;
/// The most phrasings an index keeps.
pub const MAX_PHRASES: usize = 200_000;

const SHARDS: usize = 16;

/// Word ids, shared by the threads that extract documents.
#[derive(Default)]
pub(crate) struct Interner {
    shards: [Mutex<Shard>; SHARDS],
}

#[derive(Default)]
struct Shard {
    map: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

fn hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

impl Interner {
    fn intern(&self, word: &str) -> u32 {
        let shard = (hash(word) >> 60) as usize % SHARDS;
        let mut guard = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = guard.map.get(word) {
            return id;
        }
        let id = FIRST_WORD + (guard.words.len() * SHARDS + shard) as u32;
        guard.words.push(word.into());
        guard.map.insert(word.into(), id);
        id
    }

    /// Every word by id (ids not given out are empty).
    fn into_lexicon(self) -> Vec<Box<str>> {
        let shards: Vec<Vec<Box<str>>> = self
            .shards
            .into_iter()
            .map(|s| s.into_inner().unwrap_or_else(|e| e.into_inner()).words)
            .collect();
        let longest = shards.iter().map(Vec::len).max().unwrap_or(0);
        let mut lexicon: Vec<Box<str>> =
            vec![Box::from(""); FIRST_WORD as usize + longest * SHARDS];
        for (s, words) in shards.into_iter().enumerate() {
            for (local, word) in words.into_iter().enumerate() {
                lexicon[FIRST_WORD as usize + local * SHARDS + s] = word;
            }
        }
        lexicon
    }
}

/// The low 30 bits of a token: its code (a break, a mark, or a word id). The top two bits
/// hold its place.
const CODE_MASK: u32 = (1 << 30) - 1;
/// The code of a word outside a vocabulary (when finding phrasings in a new document).
pub(crate) const UNKNOWN: u32 = CODE_MASK;

pub(crate) fn code(token: u32) -> u32 {
    token & CODE_MASK
}

pub(crate) fn place_of(token: u32) -> u8 {
    (token >> 30) as u8
}

/// What mining keeps of one document: a token per word, break or mark, each with the place
/// of its clause, and the document's kind.
#[derive(Clone, Debug, Default)]
pub struct DocTokens {
    pub(crate) tokens: Vec<u32>,
    pub(crate) kind: u8,
}

impl DocTokens {
    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.tokens.capacity() * 4
    }

    pub(crate) fn codes(&self) -> Vec<u32> {
        self.tokens.iter().map(|&t| code(t)).collect()
    }
}

/// Tokens of a document's text proper, with word codes from `id_of` (below `UNKNOWN`).
/// With `ranges`, the shadow range of each token too.
pub(crate) fn tokens(
    doc: &Document,
    id_of: &mut dyn FnMut(&str) -> u32,
    mut ranges: Option<&mut Vec<TextRange>>,
) -> DocTokens {
    let shadow = ShadowLines::new(doc);
    let layout = place::layout(doc, &shadow);
    let mut pieces = Vec::new();
    let mut out = DocTokens {
        tokens: Vec::with_capacity(doc.text.len() / 5),
        kind: kind_code(doc.meta.kind.as_ref().map(|k| k.value)),
    };
    let mut push = |out: &mut DocTokens, id: u32, place: Place, range: TextRange| {
        if id < FIRST_WORD
            && out
                .tokens
                .last()
                .is_none_or(|&last| code(last) < FIRST_WORD)
        {
            // A break after a break or a mark adds nothing; a mark after a break neither.
            return;
        }
        out.tokens.push(id.min(CODE_MASK) | (place as u32) << 30);
        if let Some(ranges) = ranges.as_deref_mut() {
            ranges.push(range);
        }
    };
    for line in 0..doc.lines.len() {
        let Some(line_place) = layout.lines[line] else {
            continue;
        };
        pieces.clear();
        let range = shadow.line(line);
        segment(shadow.text, range, &shadow.numbers, &mut pieces);
        let transitions = place::transitions(shadow.text, range);
        for piece in &pieces {
            let id = match piece.class {
                PieceClass::Word | PieceClass::Soft => id_of(&shadow.text[piece.range.range()]),
                PieceClass::Mark(c) => MARKS
                    .iter()
                    .position(|&m| m == c)
                    .map_or(BREAK, |i| i as u32 + 1),
                PieceClass::Break => BREAK,
            };
            let place = if transitions.iter().any(|t| t.contains_range(piece.range)) {
                Place::Transition
            } else if line_place == Place::Opening
                && layout
                    .closing_from
                    .is_some_and(|c| piece.range.start() >= c)
            {
                Place::Closing
            } else {
                line_place
            };
            push(&mut out, id, place, piece.range);
        }
        push(&mut out, BREAK, line_place, TextRange::empty(range.end()));
    }
    out.tokens.shrink_to_fit();
    out
}

/// Mines phrasings from an archive: [`extract`](Self::extract) each document (from any
/// number of threads), then [`build`](Self::build) the index.
#[derive(Default)]
pub struct PhraseMiner {
    interner: Interner,
    min_documents: u32,
}

/// One frequent n-gram.
#[derive(Clone, Copy, Debug)]
struct Gram {
    /// The (n−1)-gram it extends, `NONE` for a word.
    prefix: u32,
    /// For a word, its lexicon id; else the gram id of its last word.
    last: u32,
    df: u32,
    chars: u16,
    words: u8,
}

impl PhraseMiner {
    /// A miner keeping sequences that recur in at least `min_documents` documents
    /// (`phrases.min-documents`, at least 2).
    pub fn new(min_documents: u32) -> PhraseMiner {
        PhraseMiner {
            interner: Interner::default(),
            min_documents: min_documents.max(2),
        }
    }

    pub fn min_documents(&self) -> u32 {
        self.min_documents
    }

    /// The tokens of one document. Thread-safe.
    pub fn extract(&self, doc: &Document) -> DocTokens {
        // Each word of a document takes the interner's lock once.
        let mut seen: FxHashMap<Box<str>, u32> = FxHashMap::default();
        tokens(
            doc,
            &mut |word| match seen.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.interner.intern(word);
                    seen.insert(word.into(), id);
                    id
                }
            },
            None,
        )
    }

    /// Counts, selects and describes the phrasings of `docs`, and merges the built-in
    /// formulae.
    pub fn build(self, mut docs: Vec<DocTokens>) -> PhraseIndex {
        let min = self.min_documents;
        let lexicon = self.interner.into_lexicon();
        let mut grams: Vec<Gram> = Vec::new();

        // Level 1: words. Token codes become level-1 codes in place: a frequent word's gram
        // id (plus FIRST_WORD), a mark, or a break (a rare word is one).
        {
            let mut keys: Vec<u32> = Vec::new();
            let mut local: Vec<u32> = Vec::new();
            for doc in &docs {
                local.clear();
                local.extend(
                    doc.tokens
                        .iter()
                        .map(|&t| code(t))
                        .filter(|&c| c >= FIRST_WORD),
                );
                local.sort_unstable();
                local.dedup();
                keys.extend_from_slice(&local);
            }
            keys.sort_unstable();
            let mut word_gram = vec![NONE; lexicon.len()];
            for run in keys.chunk_by(|a, b| a == b) {
                if run.len() as u32 >= min {
                    let word = run[0];
                    word_gram[word as usize] = grams.len() as u32;
                    grams.push(Gram {
                        prefix: NONE,
                        last: word,
                        df: run.len() as u32,
                        chars: lexicon[word as usize].chars().count().min(255) as u16,
                        words: 1,
                    });
                }
            }
            drop(keys);
            for doc in &mut docs {
                for t in &mut doc.tokens {
                    let c = code(*t);
                    if c >= FIRST_WORD {
                        let g = word_gram[c as usize];
                        let c = if g == NONE { BREAK } else { g + FIRST_WORD };
                        *t = c | (*t & !CODE_MASK);
                    }
                }
            }
        }
        let word_count = grams.len();
        let word_of = |token: u32| {
            let c = code(token);
            (c >= FIRST_WORD).then(|| c - FIRST_WORD)
        };

        // Levels 2..: extend frequent grams by one word. One word past MAX_WORDS and one
        // word past MAX_CHARS are counted too, only to tell a phrasing that is always
        // followed by the same words (and so is no phrasing of its own). `current[d][i]` is the id of the
        // frequent (k−1)-gram starting at token i of document d, or NONE; level 1 reads the
        // words themselves.
        let mut current: Vec<Vec<u32>> = Vec::new();
        let mut local: Vec<u64> = Vec::new();
        for k in 2..=MAX_WORDS + 1 {
            // A candidate at i: the gram at i extended by the last word of the gram at i+1
            // (for k = 2, the words themselves), when the gram at i is within MAX_CHARS.
            let gram_at = |cur: &[u32], tokens: &[u32], i: usize| -> u32 {
                if k == 2 {
                    word_of(tokens[i]).unwrap_or(NONE)
                } else {
                    cur[i]
                }
            };
            let candidate =
                |grams: &[Gram], cur: &[u32], tokens: &[u32], i: usize| -> Option<u64> {
                    if i + 1 >= tokens.len() {
                        return None;
                    }
                    let a = gram_at(cur, tokens, i);
                    if a == NONE || gram_at(cur, tokens, i + 1) == NONE {
                        return None;
                    }
                    let last = word_of(tokens[i + k - 1]).expect("a word");
                    (grams[a as usize].chars <= MAX_CHARS as u16)
                        .then_some((a as u64) << 32 | last as u64)
                };
            let empty: Vec<u32> = Vec::new();
            // An upper bound of the candidates, to choose how many parts to count in.
            let positions: usize = (0..docs.len())
                .map(|d| {
                    let tokens = &docs[d].tokens;
                    let cur = current.get(d).unwrap_or(&empty);
                    (0..tokens.len())
                        .filter(|&i| gram_at(cur, tokens, i) != NONE)
                        .count()
                })
                .sum();
            if positions == 0 {
                break;
            }
            // Counted in parts (by a hash of the key) to bound the memory of the keys.
            let parts = positions.div_ceil(PART_KEYS).max(1) as u64;
            let mut level: FxHashMap<u64, u32> = FxHashMap::default();
            let mut added: Vec<Gram> = Vec::new();
            // Untouched capacity costs no memory; growing by doubling would.
            let mut keys: Vec<u64> = Vec::with_capacity(positions.div_ceil(parts as usize) + 4096);
            for part in 0..parts {
                keys.clear();
                for (d, doc) in docs.iter().enumerate() {
                    let tokens = &doc.tokens;
                    let cur = current.get(d).unwrap_or(&empty);
                    local.clear();
                    for i in 0..tokens.len() {
                        if let Some(key) = candidate(&grams, cur, tokens, i)
                            && (parts == 1 || mix(key) % parts == part)
                        {
                            local.push(key);
                        }
                    }
                    local.sort_unstable();
                    local.dedup();
                    keys.extend_from_slice(&local);
                }
                keys.sort_unstable();
                for run in keys.chunk_by(|a, b| a == b) {
                    if (run.len() as u32) < min {
                        continue;
                    }
                    let key = run[0];
                    let (prefix, last) = ((key >> 32) as u32, key as u32);
                    level.insert(key, (grams.len() + added.len()) as u32);
                    added.push(Gram {
                        prefix,
                        last,
                        df: run.len() as u32,
                        chars: grams[prefix as usize].chars + grams[last as usize].chars,
                        words: k as u8,
                    });
                }
            }
            drop(keys);
            if level.is_empty() {
                break;
            }
            let lookup =
                |key: Option<u64>| key.and_then(|key| level.get(&key).copied()).unwrap_or(NONE);
            if k == 2 {
                current = docs
                    .iter()
                    .map(|doc| {
                        (0..doc.tokens.len())
                            .map(|i| lookup(candidate(&grams, &empty, &doc.tokens, i)))
                            .collect()
                    })
                    .collect();
            } else {
                // In place, left to right: position i reads i and i+1 before i changes.
                for (doc, cur) in docs.iter().zip(current.iter_mut()) {
                    for i in 0..cur.len() {
                        let next = lookup(candidate(&grams, cur, &doc.tokens, i));
                        cur[i] = next;
                    }
                }
            }
            grams.reserve_exact(added.len());
            grams.extend(added);
        }
        drop(current);
        drop(local);

        // Selection, in gram order (a prefix comes before its extensions).
        let mut name = vec![2u8; word_count];
        let mut first = vec![0u32; grams.len()];
        let mut ideographs = vec![0u16; grams.len()];
        let mut has_name = vec![false; grams.len()];
        let mut valid = vec![false; grams.len()];
        for g in 0..grams.len() {
            let gram = grams[g];
            let last_word = if gram.prefix == NONE {
                g
            } else {
                gram.last as usize
            };
            let word = &*lexicon[grams[last_word].last as usize];
            if name[last_word] == 2 {
                name[last_word] = is_proper_name(word) as u8;
            }
            let own = word
                .chars()
                .filter(|&c| crate::text::is_ideograph(c))
                .count() as u16;
            if gram.prefix == NONE {
                first[g] = g as u32;
                ideographs[g] = own;
                has_name[g] = name[last_word] == 1;
            } else {
                let p = gram.prefix as usize;
                first[g] = first[p];
                ideographs[g] = ideographs[p] + own;
                has_name[g] = has_name[p] || name[last_word] == 1;
            }
            let first_word = &*lexicon[grams[first[g] as usize].last as usize];
            valid[g] = (MIN_CHARS..=MAX_CHARS).contains(&(gram.chars as usize))
                && gram.words as usize <= MAX_WORDS
                && ideographs[g] >= 2
                && !has_name[g]
                && !BAD_START.contains(&first_word)
                && !BAD_END.contains(&word);
        }
        drop((first, ideographs, has_name, name));
        // Closed to the right: a gram always followed by the same word gives way to the
        // longer gram, when that one is a phrasing, gives way itself, or is too long.
        let mut covered = vec![false; grams.len()];
        for g in (0..grams.len()).rev() {
            let gram = grams[g];
            let too_long = gram.chars as usize > MAX_CHARS || gram.words as usize > MAX_WORDS;
            if gram.prefix != NONE
                && gram.df == grams[gram.prefix as usize].df
                && (valid[g] || covered[g] || too_long)
            {
                covered[gram.prefix as usize] = true;
            }
        }
        let mut kept: Vec<u32> = (0..grams.len() as u32)
            .filter(|&g| valid[g as usize] && !covered[g as usize])
            .collect();
        drop((valid, covered));
        // The most frequent, ties at the cut broken by text (word ids depend on thread
        // timing, texts do not).
        kept.sort_by_key(|&g| std::cmp::Reverse(grams[g as usize].df));
        if kept.len() > MAX_PHRASES {
            let df = |g: u32| grams[g as usize].df;
            let cutoff = df(kept[MAX_PHRASES - 1]);
            let above = kept.partition_point(|&g| df(g) > cutoff);
            let end = kept.partition_point(|&g| df(g) >= cutoff);
            let text_of = |g: u32| {
                let mut words = Vec::new();
                let mut at = g;
                while at != NONE {
                    let gram = grams[at as usize];
                    words.push(if gram.prefix == NONE { at } else { gram.last });
                    at = gram.prefix;
                }
                words
                    .iter()
                    .rev()
                    .map(|&w| &*lexicon[grams[w as usize].last as usize])
                    .collect::<String>()
            };
            let mut tied: Vec<(String, u32)> =
                kept[above..end].iter().map(|&g| (text_of(g), g)).collect();
            tied.sort();
            tied.dedup_by(|a, b| a.0 == b.0);
            tied.truncate(MAX_PHRASES - above);
            kept.truncate(above);
            kept.extend(tied.into_iter().map(|(_, g)| g));
        }

        // The trie of the kept phrasings, over a vocabulary of their words.
        let mut trie = Trie::default();
        let mut vocab: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut vocab_of_word = vec![NONE; word_count];
        let mut phrases: Vec<Phrase> = Vec::with_capacity(kept.len());
        // Two segmentations of one text (`各地区/各部门`, `各/地区/各部门`) are one phrasing.
        let mut by_text: FxHashMap<String, u32> = FxHashMap::default();
        let mut path = Vec::new();
        for &g in &kept {
            path.clear();
            let mut at = g;
            while at != NONE {
                let gram = grams[at as usize];
                path.push(if gram.prefix == NONE { at } else { gram.last });
                at = gram.prefix;
            }
            path.reverse();
            let mut text = String::new();
            for w in &mut path {
                let word = &lexicon[grams[*w as usize].last as usize];
                text.push_str(word);
                if vocab_of_word[*w as usize] == NONE {
                    let id = FIRST_WORD + vocab.len() as u32;
                    vocab.insert(word.clone(), id);
                    vocab_of_word[*w as usize] = id;
                }
                *w = vocab_of_word[*w as usize];
            }
            let p = *by_text.entry(text.clone()).or_insert_with(|| {
                phrases.push(Phrase {
                    text,
                    ..Phrase::default()
                });
                phrases.len() as u32 - 1
            });
            trie.insert(&path, p);
        }
        drop(by_text);
        let soft = FOLLOW_SOFT.map(|c| {
            let mut buf = [0u8; 4];
            let c = &*c.encode_utf8(&mut buf);
            (0..word_count)
                .find(|&w| &*lexicon[grams[w].last as usize] == c)
                .map_or(NONE, |w| w as u32 + FIRST_WORD)
        });
        drop(grams);
        drop(lexicon);

        // Statistics: every use of every kept phrasing.
        // Documents are taken kind by kind, so that one dense array counts the documents of
        // the current kind, flushed into each phrasing's list when the kind is done.
        let mut counts = Counts::new(phrases.len());
        let mut kind_docs = [0u32; KINDS];
        let mut by_kind: Vec<usize> = (0..docs.len()).collect();
        by_kind.sort_by_key(|&d| docs[d].kind);
        let mut words: Vec<u32> = Vec::new();
        for (i, &d) in by_kind.iter().enumerate() {
            let doc = &docs[d];
            kind_docs[doc.kind as usize] += 1;
            words.clear();
            words.extend(doc.tokens.iter().map(|&t| match word_of(t) {
                Some(w) => vocab_of_word[w as usize],
                None => code(t),
            }));
            counts.count(&trie, d as u32, &words, &doc.tokens, soft);
            let last_of_kind = by_kind
                .get(i + 1)
                .is_none_or(|&next| docs[next].kind != doc.kind);
            if last_of_kind {
                counts.flush_kind(doc.kind, &mut phrases);
            }
        }
        let documents = docs.len() as u32;
        drop(docs);
        for (p, phrase) in phrases.iter_mut().enumerate() {
            counts.describe(p, phrase);
        }
        drop(counts);
        // A phrasing that runs over a `，` or `、` starts a clause (`以上请示，请予批复`), not
        // the middle of one (`工作，经市人民政府同意`).
        let mut renumber = vec![NONE; phrases.len()];
        let mut kept_phrases = Vec::with_capacity(phrases.len());
        for (p, phrase) in phrases.into_iter().enumerate() {
            let inner_soft = phrase.text.contains(FOLLOW_SOFT);
            if inner_soft && phrase.starts_clause * 2 < phrase.occurrences {
                continue;
            }
            renumber[p] = kept_phrases.len() as u32;
            kept_phrases.push(phrase);
        }
        trie.renumber(&renumber);
        PhraseIndex::new(kept_phrases, documents, kind_docs, min, vocab, trie)
    }
}

/// Candidate keys counted at once, at most (8 bytes each).
const PART_KEYS: usize = 2_000_000;

fn mix(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40
}

/// Words no phrasing starts with (particles, conjunctions).
const BAD_START: &[&str] = &[
    "的", "地", "得", "了", "着", "之", "等", "和", "与", "及", "或", "并", "，", "、",
];
/// Words no phrasing ends with.
const BAD_END: &[&str] = &[
    "的", "地", "得", "和", "与", "及", "或", "并", "且", "而", "对", "把", "将", "被", "于", "在",
    "向", "从", "自", "至", "由", "按", "经", "以", "为", "是", "，", "、",
];
/// Place names that are part of standard phrasings (`在中华人民共和国境内`).
const NAME_ALLOWED: &[&str] = &["中国", "中华人民共和国", "全国", "中央", "中华", "国家"];

/// True for a person or place name by jieba's part of speech.
fn is_proper_name(word: &str) -> bool {
    if NAME_ALLOWED.contains(&word) || !word.chars().any(crate::text::is_ideograph) {
        return false;
    }
    let tags = JIEBA.tag(word, false);
    tags.len() == 1 && matches!(tags[0].tag, "nr" | "ns" | "nrt" | "nrfg")
}

/// A token-level trie of phrasings over a dense vocabulary (ids from `FIRST_WORD`).
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Trie {
    /// Children of the root, by word (a phrasing's first step, taken at every position).
    root: Vec<u32>,
    /// (node, word) → node for the deeper steps.
    edges: FxHashMap<u64, u32>,
    /// The phrasing ending at each node (`NONE` for none); node 0 is the root.
    ends: Vec<u32>,
}

impl Trie {
    fn insert(&mut self, path: &[u32], phrase: u32) {
        if self.ends.is_empty() {
            self.ends.push(NONE);
        }
        let mut node = 0u32;
        for (depth, &w) in path.iter().enumerate() {
            let next = self.ends.len() as u32;
            let slot = if depth == 0 {
                let i = (w - FIRST_WORD) as usize;
                if self.root.len() <= i {
                    self.root.resize(i + 1, NONE);
                }
                if self.root[i] == NONE {
                    self.root[i] = next;
                }
                self.root[i]
            } else {
                *self
                    .edges
                    .entry((node as u64) << 32 | w as u64)
                    .or_insert(next)
            };
            if slot == next {
                self.ends.push(NONE);
            }
            node = slot;
        }
        self.ends[node as usize] = phrase;
    }

    /// Every phrasing starting at `ids[i]`: (phrase, index of its last token).
    pub(crate) fn walk(&self, ids: &[u32], i: usize, mut found: impl FnMut(u32, usize)) {
        let mut node = 0u32;
        for (j, &id) in ids.iter().enumerate().skip(i).take(MAX_WORDS) {
            if !(FIRST_WORD..UNKNOWN).contains(&id) {
                return;
            }
            let next = if j == i {
                self.root
                    .get((id - FIRST_WORD) as usize)
                    .copied()
                    .unwrap_or(NONE)
            } else {
                self.edges
                    .get(&((node as u64) << 32 | id as u64))
                    .copied()
                    .unwrap_or(NONE)
            };
            if next == NONE {
                return;
            }
            node = next;
            let phrase = self.ends[node as usize];
            if phrase != NONE {
                found(phrase, j);
            }
        }
    }

    /// Gives phrase `p` the number `to[p]` (`NONE`: no phrasing ends there any more).
    pub(crate) fn renumber(&mut self, to: &[u32]) {
        for end in &mut self.ends {
            if *end != NONE {
                *end = to[*end as usize];
            }
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.root.capacity() * 4 + self.edges.capacity() * 17 + self.ends.capacity() * 4
    }
}

/// Per-phrasing counts gathered in the statistics pass.
struct Counts {
    stamp: Vec<u32>,
    place_bits: Vec<u8>,
    df: Vec<u32>,
    places: Vec<[u32; 4]>,
    /// Documents of the kind being counted.
    of_kind: Vec<u32>,
    /// Occurrences by what follows: nothing, the five marks, `，`, `、`.
    follow: Vec<[u32; 8]>,
    /// Occurrences at the start of a clause.
    starts: Vec<u32>,
}

/// The follow codes 6 and 7.
const FOLLOW_SOFT: [char; 2] = ['，', '、'];

impl Counts {
    fn new(n: usize) -> Counts {
        Counts {
            stamp: vec![NONE; n],
            place_bits: vec![0; n],
            df: vec![0; n],
            places: vec![[0; 4]; n],
            of_kind: vec![0; n],
            follow: vec![[0; 8]; n],
            starts: vec![0; n],
        }
    }

    /// Counts one document: `ids` in trie vocabulary, `tokens` the same tokens as mined
    /// (for places, and for what follows a phrasing), `soft` the mined codes of `，` and `、`.
    fn count(&mut self, trie: &Trie, doc: u32, ids: &[u32], tokens: &[u32], soft: [u32; 2]) {
        let code_of = code;
        for i in 0..ids.len() {
            trie.walk(ids, i, |p, j| {
                let p = p as usize;
                if self.stamp[p] != doc {
                    self.stamp[p] = doc;
                    self.place_bits[p] = 0;
                    self.df[p] += 1;
                    self.of_kind[p] += 1;
                }
                let place = place_of(tokens[i]);
                if self.place_bits[p] & (1 << place) == 0 {
                    self.place_bits[p] |= 1 << place;
                    self.places[p][place as usize] += 1;
                }
                let next = tokens.get(j + 1).map_or(BREAK, |&t| code_of(t));
                let code = match next {
                    1..=5 => next as usize,
                    _ if next == soft[0] => 6,
                    _ if next == soft[1] => 7,
                    _ => 0,
                };
                self.follow[p][code] += 1;
                let before = if i == 0 {
                    BREAK
                } else {
                    code_of(tokens[i - 1])
                };
                if before < FIRST_WORD || before == soft[0] || before == soft[1] {
                    self.starts[p] += 1;
                }
            });
        }
    }

    /// Moves the counts of `kind` into the phrasings.
    fn flush_kind(&mut self, kind: u8, phrases: &mut [Phrase]) {
        for (count, phrase) in self.of_kind.iter_mut().zip(phrases) {
            if *count > 0 {
                phrase.kinds.push((kind, *count));
                *count = 0;
            }
        }
    }

    fn describe(&self, p: usize, phrase: &mut Phrase) {
        phrase.documents = self.df[p];
        phrase.places = self.places[p];
        let follow = &self.follow[p];
        let total: u32 = follow.iter().sum();
        phrase.occurrences = total;
        phrase.starts_clause = self.starts[p];
        let (best, &count) = follow
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))
            .expect("eight codes");
        // `、` after a phrasing lists things; it is not the phrasing's own punctuation.
        if best > 0 && best < 7 && total > 0 && count * 2 >= total {
            phrase.follow = Some(if best <= 5 {
                MARKS[best - 1]
            } else {
                FOLLOW_SOFT[0]
            });
        }
    }
}
