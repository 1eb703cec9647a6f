//! The phrase index: mined phrasings and built-in formulae, sorted by text for prefix
//! search, with what each one's use looks like (documents, places, kinds).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::document::Document;
use crate::kind::DocKind;
use crate::phrases::formulae::FORMULAE;
use crate::phrases::mine::{self, Trie};
use crate::phrases::place::Place;

/// Kind buckets: the kinds of `DocKind::ALL`, then "no kind" (laws, regulations, notes).
pub const KINDS: usize = DocKind::ALL.len() + 1;

pub(crate) fn kind_code(kind: Option<DocKind>) -> u8 {
    match kind {
        Some(kind) => DocKind::ALL
            .iter()
            .position(|&k| k == kind)
            .unwrap_or(KINDS - 1) as u8,
        None => (KINDS - 1) as u8,
    }
}

pub(crate) fn kind_of_code(code: u8) -> Option<DocKind> {
    DocKind::ALL.get(code as usize).copied()
}

/// A phrasing: mined from the archive, built in, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Phrase {
    /// Simplified text, without the punctuation that follows it.
    pub text: String,
    /// The punctuation that follows it in at least half of its uses (`：` after
    /// `现将有关事项通知如下`).
    pub follow: Option<char>,
    /// Archive documents using it.
    pub documents: u32,
    /// Documents using it at each place (`Place as usize`).
    pub places: [u32; 4],
    /// Documents using it, by kind code (see [`PhraseIndex::kinds`]).
    pub(crate) kinds: Vec<(u8, u32)>,
    /// Rows of the built-in table: kind (`None` for any) and place.
    pub builtin: Vec<(Option<DocKind>, Place)>,
    /// Uses in the archive, and how many of them start a clause.
    pub occurrences: u32,
    pub starts_clause: u32,
}

impl Phrase {
    /// The text a completion inserts: the phrasing and its punctuation.
    pub fn full_text(&self) -> String {
        let mut text = self.text.clone();
        if let Some(c) = self.follow {
            text.push(c);
        }
        text
    }

    /// Documents using it, by kind (`None`: documents of no statutory kind).
    pub fn kinds(&self) -> impl Iterator<Item = (Option<DocKind>, u32)> + '_ {
        self.kinds.iter().map(|&(k, n)| (kind_of_code(k), n))
    }

    /// The place most documents use it at (the built-in table's when nothing was mined).
    pub fn typical_place(&self) -> Place {
        if self.documents == 0 {
            return self.builtin.first().map_or(Place::Body, |b| b.1);
        }
        Place::ALL
            .into_iter()
            .max_by_key(|&p| (self.places[p as usize], std::cmp::Reverse(p)))
            .unwrap_or(Place::Body)
    }

    pub fn is_builtin(&self) -> bool {
        !self.builtin.is_empty()
    }
}

/// Phrasings by text, with the trie that finds them in a document.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PhraseIndex {
    phrases: Vec<Phrase>,
    documents: u32,
    kind_docs: [u32; KINDS],
    min_documents: u32,
    vocab: FxHashMap<Box<str>, u32>,
    /// Its phrasings are numbered by their position in `phrases`.
    trie: Trie,
}

/// What one document contributes to the index's counts, to leave it out of a query.
#[derive(Clone, Debug, Default)]
pub struct Contribution {
    pub(crate) kind: u8,
    /// Phrase position → the places (bits) the document uses it at.
    pub(crate) phrases: FxHashMap<u32, u8>,
}

impl Contribution {
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The document's kind.
    pub fn kind(&self) -> Option<DocKind> {
        kind_of_code(self.kind)
    }

    /// The places a phrase (by position in the index) is used at, as bits.
    pub fn places_of(&self, phrase: usize) -> Option<u8> {
        self.phrases.get(&(phrase as u32)).copied()
    }
}

static BUILTIN: LazyLock<PhraseIndex> = LazyLock::new(|| {
    PhraseIndex::new(
        Vec::new(),
        0,
        [0; KINDS],
        3,
        FxHashMap::default(),
        Trie::default(),
    )
});

impl PhraseIndex {
    pub(crate) fn new(
        mined: Vec<Phrase>,
        documents: u32,
        kind_docs: [u32; KINDS],
        min_documents: u32,
        vocab: FxHashMap<Box<str>, u32>,
        mut trie: Trie,
    ) -> PhraseIndex {
        let mut phrases = mined;
        sort_by_text(&mut phrases, &mut trie);
        let mut extra: Vec<Phrase> = Vec::new();
        for formula in FORMULAE.iter() {
            let (text, follow) = split_follow(&formula.text);
            let phrase = match phrases.binary_search_by(|p| p.text.as_str().cmp(text)) {
                Ok(i) => &mut phrases[i],
                Err(_) => match extra.iter().position(|p| p.text == text) {
                    Some(i) => &mut extra[i],
                    None => {
                        extra.push(Phrase {
                            text: text.to_string(),
                            ..Phrase::default()
                        });
                        extra.last_mut().expect("pushed")
                    }
                },
            };
            phrase.builtin.push((formula.kind, formula.place));
            if phrase.follow.is_none() {
                phrase.follow = follow;
            }
        }
        if !extra.is_empty() {
            phrases.extend(extra);
            sort_by_text(&mut phrases, &mut trie);
        }
        PhraseIndex {
            phrases,
            documents,
            kind_docs,
            min_documents,
            vocab,
            trie,
        }
    }

    /// The built-in formulae alone, for a server without an archive.
    pub fn builtin() -> &'static PhraseIndex {
        &BUILTIN
    }

    /// Mines `docs` in one go (tests, small archives): see [`mine::PhraseMiner`].
    pub fn mine<'a>(
        docs: impl IntoIterator<Item = &'a Document>,
        min_documents: u32,
    ) -> PhraseIndex {
        let miner = mine::PhraseMiner::new(min_documents);
        let tokens = docs.into_iter().map(|d| miner.extract(d)).collect();
        miner.build(tokens)
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Archive documents mined.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    pub fn min_documents(&self) -> u32 {
        self.min_documents
    }

    /// Archive documents of a kind (`None`: of no statutory kind).
    pub fn documents_of_kind(&self, kind: Option<DocKind>) -> u32 {
        self.kind_docs[kind_code(kind) as usize]
    }

    /// The phrase with exactly this text (without its punctuation).
    pub fn get(&self, text: &str) -> Option<&Phrase> {
        let i = self.phrases.partition_point(|p| p.text.as_str() < text);
        self.phrases.get(i).filter(|p| p.text == text)
    }

    /// Positions of the phrases whose text starts with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.phrases.partition_point(|p| p.text.as_str() < prefix);
        let len = self.phrases[start..].partition_point(|p| p.text.starts_with(prefix));
        start..start + len
    }

    /// The mined phrasings a document uses and where: subtract it to leave the document
    /// out of a query (`CompletionOptions::exclude`).
    pub fn contribution(&self, doc: &Document) -> Contribution {
        let tokens = mine::tokens(
            doc,
            &mut |word| self.vocab.get(word).copied().unwrap_or(mine::UNKNOWN),
            None,
        );
        let mut out = Contribution {
            kind: tokens.kind,
            phrases: FxHashMap::default(),
        };
        let codes = tokens.codes();
        for i in 0..codes.len() {
            self.trie.walk(&codes, i, |p, _| {
                *out.phrases.entry(p).or_default() |= 1 << mine::place_of(tokens.tokens[i]);
            });
        }
        out
    }

    /// Every occurrence of a mined phrasing in a document: (phrase position, byte range in
    /// the shadow text). For benchmarks and tests.
    pub fn occurrences(&self, doc: &Document) -> Vec<(usize, crate::text::TextRange)> {
        let mut ranges = Vec::new();
        let tokens = mine::tokens(
            doc,
            &mut |word| self.vocab.get(word).copied().unwrap_or(mine::UNKNOWN),
            Some(&mut ranges),
        );
        let mut out = Vec::new();
        let mut seen = FxHashSet::default();
        let codes = tokens.codes();
        for i in 0..codes.len() {
            self.trie.walk(&codes, i, |p, j| {
                let range = doc.shadow.range_to_original(crate::text::TextRange::new(
                    ranges[i].start(),
                    ranges[j].end(),
                ));
                if seen.insert((p, range.start)) {
                    out.push((p as usize, range));
                }
            });
        }
        out
    }

    /// Bytes held (approximately).
    pub fn heap_bytes(&self) -> usize {
        self.phrases
            .iter()
            .map(|p| std::mem::size_of::<Phrase>() + p.text.capacity() + p.kinds.capacity() * 8)
            .sum::<usize>()
            + self.vocab.capacity() * 24
            + self.vocab.keys().map(|k| k.len()).sum::<usize>()
            + self.trie.heap_bytes()
    }
}

/// Sorts phrasings by text in place (no copies: a large index is large), renumbering the
/// trie to follow.
fn sort_by_text(phrases: &mut [Phrase], trie: &mut Trie) {
    let mut order: Vec<u32> = (0..phrases.len() as u32).collect();
    order.sort_by(|&a, &b| phrases[a as usize].text.cmp(&phrases[b as usize].text));
    // to[old] = new position.
    let mut to = vec![0u32; phrases.len()];
    for (new, &old) in order.iter().enumerate() {
        to[old as usize] = new as u32;
    }
    drop(order);
    trie.renumber(&to);
    for i in 0..phrases.len() {
        while to[i] as usize != i {
            let j = to[i] as usize;
            phrases.swap(i, j);
            to.swap(i, j);
        }
    }
}

/// `特此通知。` → (`特此通知`, `。`).
fn split_follow(text: &str) -> (&str, Option<char>) {
    match text.chars().next_back() {
        Some(c @ ('。' | '：' | '；' | '！' | '？' | '，')) => {
            (&text[..text.len() - c.len_utf8()], Some(c))
        }
        _ => (text, None),
    }
}
