//! While typing Chinese: phrasings whose beginning matches the typed tail.
//!
//! The typed tail is the end of the current clause, 1 to 8 characters, starting at a word
//! boundary (jieba's, on the simplified text) or at the clause's start. Each boundary gives
//! a candidate tail; the phrasings starting with it are scored by how many archive
//! documents use them, how well their usual place fits the cursor's (an opening paragraph,
//! the end of the text, a sentence start), how typical they are of the draft's kind, whether
//! they usually start a clause, how much of the tail they match and how much they add.
//! All items replace the same range, from the earliest tail start used to the cursor.

use crate::completion::{Completion, CompletionKind, CompletionList, CompletionOptions, Cursor};
use crate::diagnostic::Edit;
use crate::document::{Document, LineClass};
use crate::kind::DocKind;
use crate::phrases::segment::JIEBA;
use crate::phrases::{Contribution, KINDS, Phrase, PhraseIndex, Place};
use crate::text::{TextRange, is_ideograph};

/// The longest typed tail matched, and how far back a clause is read for word boundaries.
const MAX_TAIL: usize = 8;
const MAX_REGION: usize = 16;
/// Phrasings scored per tail at most (a one-character tail can match thousands).
const MAX_SCAN: usize = 20_000;
/// How much of the draft before the cursor is searched for phrasings it already used.
const EARLIER_BYTES: usize = 32 * 1024;

/// Where the cursor stands, as weights of the four places.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Situation {
    pub weights: [f32; 4],
    pub kind: u8,
}

/// Score weights (chosen on the leave-one-out benchmark, `benches/completion.rs`, with a
/// different sample of cut points than the one it reports).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Weights {
    pub place: f32,
    pub kind: f32,
    pub clause: f32,
    pub tail: f32,
    pub length: f32,
    pub builtin_match: f32,
    pub builtin_other: f32,
    pub norm: f32,
    pub nested: f32,
    pub earlier: f32,
}

pub(crate) const WEIGHTS: Weights = Weights {
    // ln(fit of the phrasing's places to the cursor's).
    place: 1.0,
    // ln(lift of the draft's kind among the phrasing's documents).
    kind: 0.7,
    // ln(how often it starts a clause, when the tail does).
    clause: 0.5,
    // Per character of the tail matched.
    tail: 0.5,
    // ln(characters added).
    length: 0.15,
    // A built-in formula of the draft's kind (or any kind), or of another kind.
    builtin_match: 1.0,
    builtin_other: 1.5,
    // Times ln(documents of the tail's commonest continuation), subtracted.
    norm: 1.0,
    // Per item ranked above that this one only lengthens or shortens.
    nested: 1.5,
    // Already used earlier in the draft.
    earlier: 3.0,
};

fn is_soft(c: char) -> bool {
    matches!(c, '，' | '、')
}

/// A candidate tail: where it starts (byte offset in the line's text before the cursor),
/// its simplified text, whether it starts a clause.
struct Tail {
    start: usize,
    text: String,
    chars: usize,
    clause_start: bool,
}

/// The candidate tails before the cursor, longest first.
fn tails(before: &str) -> Vec<Tail> {
    // The clause: ideographs and `，` `、` back from the cursor.
    let mut region_start = before.len();
    for (count, (at, c)) in before.char_indices().rev().enumerate() {
        if !(is_ideograph(c) || is_soft(c)) || count == MAX_REGION {
            break;
        }
        region_start = at;
    }
    let region = &before[region_start..];
    if region.is_empty()
        || !region.chars().next_back().is_some_and(is_ideograph) && !region.ends_with(is_soft)
    {
        return Vec::new();
    }
    // A region cut by MAX_REGION does not start a clause.
    let region_is_clause = before[..region_start]
        .chars()
        .next_back()
        .is_none_or(|c| !(is_ideograph(c) || is_soft(c)));
    let simple = crate::normalize::to_simplified(region);
    // Character i of `simple` is character i of `region`.
    let offsets: Vec<usize> = region
        .char_indices()
        .map(|(at, _)| region_start + at)
        .collect();
    let chars: Vec<char> = simple.chars().collect();
    let mut starts: Vec<usize> = JIEBA
        .cut(&simple, false)
        .into_iter()
        .map(|t| t.start)
        .collect();
    // A soft mark starts a new clause: the character after it is a boundary.
    for (i, &c) in chars.iter().enumerate() {
        if is_soft(c) && i + 1 < chars.len() {
            starts.push(i + 1);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let total = chars.len();
    let mut out = Vec::new();
    for start in starts {
        let len = total - start;
        if len == 0 || len > MAX_TAIL || is_soft(chars[start]) {
            continue;
        }
        let clause_start = if start == 0 {
            region_is_clause
        } else {
            is_soft(chars[start - 1])
        };
        out.push(Tail {
            start: offsets[start],
            text: chars[start..].iter().collect(),
            chars: len,
            clause_start,
        });
    }
    out
}

/// How the cursor stands in the draft: in its first paragraph, at its end, at a sentence
/// start.
fn situation(doc: &Document, cursor: &Cursor, tail_start: usize) -> Situation {
    let contentful = |l: usize| {
        matches!(doc.classes.get(l), Some(LineClass::Body))
            && doc
                .line_text(l)
                .chars()
                .filter(|c| is_ideograph(*c))
                .count()
                >= 2
    };
    let is_paragraph = |l: usize| {
        contentful(l)
            && doc
                .line_text(l)
                .trim_end()
                .trim_end_matches(['”', '’', '）', ')'])
                .ends_with(['。', '！', '？', '；', '：'])
    };
    let first = !(doc.meta.text_start..cursor.line)
        .any(|l| is_paragraph(l) && doc.meta.addressee.as_ref().is_none_or(|a| a.line != l));
    let at_end = !(cursor.line + 1..doc.lines.len()).any(|l| {
        is_paragraph(l)
            && doc
                .line_text(l)
                .chars()
                .filter(|c| is_ideograph(*c))
                .count()
                >= 8
    });
    let sentence_start = cursor.before[..tail_start]
        .trim_end_matches(crate::text::is_indent)
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '。' | '！' | '？' | '；' | '：'));
    let weights = if first {
        [1.0, 0.8, 0.35, 0.1]
    } else if at_end && sentence_start {
        [0.15, 0.5, 0.6, 0.8]
    } else if at_end {
        [0.15, 0.5, 0.9, 0.5]
    } else if sentence_start {
        [0.15, 0.6, 1.0, 0.35]
    } else {
        [0.1, 0.5, 1.0, 0.2]
    };
    Situation {
        weights,
        kind: crate::phrases::kind_code(doc.meta.kind.as_ref().map(|k| k.value)),
    }
}

/// A phrasing's counts with one document's contribution taken out.
struct Counts {
    documents: f32,
    places: [f32; 4],
    kind_documents: f32,
}

fn counts(phrase: &Phrase, at: usize, kind: u8, exclude: Option<&Contribution>) -> Counts {
    let mut documents = phrase.documents as f32;
    let mut places = phrase.places.map(|n| n as f32);
    let mut kind_documents = phrase
        .kinds
        .iter()
        .find(|&&(k, _)| k == kind)
        .map_or(0.0, |&(_, n)| n as f32);
    if let Some(bits) = exclude.and_then(|c| c.places_of(at)) {
        documents -= 1.0;
        for (p, count) in places.iter_mut().enumerate() {
            if bits & (1 << p) != 0 {
                *count -= 1.0;
            }
        }
        if exclude.is_some_and(|c| crate::phrases::kind_code(c.kind()) == kind) {
            kind_documents -= 1.0;
        }
    }
    Counts {
        documents,
        places,
        kind_documents: kind_documents.max(0.0),
    }
}

/// The score of phrase `at` completing `tail`; `None` when it does not recur enough.
fn score(
    index: &PhraseIndex,
    at: usize,
    tail: &Tail,
    situation: &Situation,
    exclude: Option<&Contribution>,
    weights: &Weights,
) -> Option<f32> {
    let phrase = &index.phrases()[at];
    let counts = counts(phrase, at, situation.kind, exclude);
    let builtin = phrase.is_builtin();
    if counts.documents < index.min_documents() as f32 && !builtin {
        return None;
    }
    let documents = counts.documents.max(0.0);
    let mut score = (1.0 + documents).ln();
    let mut places = counts.places.map(|n| n.max(0.0));
    if builtin {
        score = score.max((1.0 + index.min_documents() as f32).ln());
        let draft_kind = crate::phrases::kind_of_code(situation.kind);
        let matches = phrase
            .builtin
            .iter()
            .any(|&(kind, _)| kind.is_none() || kind == draft_kind);
        if matches {
            score += weights.builtin_match;
        } else if situation.kind != (KINDS - 1) as u8 {
            score -= weights.builtin_other;
        } else {
            // A draft of no known kind: the commonest kinds' formulae first.
            score += phrase
                .builtin
                .iter()
                .map(|&(kind, _)| match kind {
                    Some(DocKind::Notice) => 0.2,
                    Some(DocKind::Opinion | DocKind::Report) => 0.1,
                    _ => 0.0,
                })
                .fold(0.0, f32::max);
        }
        for &(_, place) in &phrase.builtin {
            places[place as usize] += 2.0;
        }
    }
    let total: f32 = places.iter().sum();
    let fit: f32 = Place::ALL
        .iter()
        .map(|&p| situation.weights[p as usize] * (places[p as usize] + 0.5) / (total + 2.0))
        .sum();
    score += weights.place * fit.ln();
    if documents > 0.0 {
        let mut all = index.documents() as f32;
        let mut of_kind = kind_documents_total(index, situation.kind);
        if let Some(c) = exclude {
            all -= 1.0;
            if crate::phrases::kind_code(c.kind()) == situation.kind {
                of_kind -= 1.0;
            }
        }
        let share = (counts.kind_documents + 0.5) / (documents + 1.0);
        let base = (of_kind.max(0.0) + 0.5) / (all.max(0.0) + 1.0);
        score += weights.kind * (share / base).ln().clamp(-2.5, 1.5);
    }
    if phrase.occurrences > 0 {
        let starts = phrase.starts_clause as f32 / phrase.occurrences as f32;
        let fit = if tail.clause_start {
            starts
        } else {
            1.0 - starts
        };
        score += weights.clause * (0.2 + fit).ln();
    }
    let chars = phrase.text.chars().count() + phrase.follow.is_some() as usize;
    score += weights.tail * tail.chars as f32;
    score += weights.length * (1.0 + chars.saturating_sub(tail.chars) as f32).ln();
    Some(score)
}

fn kind_documents_total(index: &PhraseIndex, kind: u8) -> f32 {
    index.documents_of_kind(crate::phrases::kind_of_code(kind)) as f32
}

pub(crate) fn complete(
    doc: &Document,
    cursor: &Cursor,
    index: &PhraseIndex,
    options: &CompletionOptions,
    list: &mut CompletionList,
) {
    complete_with(doc, cursor, index, options, &WEIGHTS, list)
}

fn complete_with(
    doc: &Document,
    cursor: &Cursor,
    index: &PhraseIndex,
    options: &CompletionOptions,
    weights: &Weights,
    list: &mut CompletionList,
) {
    let tails = tails(cursor.before);
    let Some(first) = tails.first() else {
        return;
    };
    let situation = situation(doc, cursor, first.start);
    // (score, phrase, tail index) of every candidate.
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    let mut found_longer = false;
    for (t, tail) in tails.iter().enumerate() {
        // One character in the middle of a clause says little: only when nothing longer
        // matched.
        if tail.chars == 1 && !tail.clause_start && found_longer {
            continue;
        }
        let from = candidates.len();
        // How common the tail is as a beginning: the most documents any of its
        // continuations has. Scores are relative to it, so that a rare tail's likely
        // continuation can beat a common tail's.
        let mut common = 0.0f32;
        for at in index.with_prefix(&tail.text).take(MAX_SCAN) {
            let phrase = &index.phrases()[at];
            let chars = phrase.text.chars().count() + phrase.follow.is_some() as usize;
            if chars <= tail.chars {
                continue;
            }
            let Some(score) = score(
                index,
                at,
                tail,
                &situation,
                options.exclude_phrases,
                weights,
            ) else {
                continue;
            };
            common = common.max(phrase.documents as f32);
            candidates.push((score, at, t));
        }
        let norm = weights.norm * (1.0 + common).ln();
        for candidate in &mut candidates[from..] {
            candidate.0 -= norm;
        }
        found_longer |= candidates.len() > from;
    }
    let by_score =
        |a: &(f32, usize, usize), b: &(f32, usize, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let considered = options.max_items * 8;
    let more = candidates.len() > considered;
    if more {
        candidates.select_nth_unstable_by(considered, by_score);
        candidates.truncate(considered);
    }
    candidates.sort_by(by_score);
    // The draft's own text before the clause (its last part): a phrasing it already used is
    // likely to come again. One pass over it finds every candidate.
    let earlier_start = crate::text::floor_char_boundary(
        &doc.text,
        (cursor.line_start + first.start).saturating_sub(EARLIER_BYTES),
    );
    let earlier = &doc.text[earlier_start..cursor.line_start + first.start];
    let earlier_simple = if crate::normalize::has_traditional(earlier) {
        std::borrow::Cow::Owned(crate::normalize::to_simplified(earlier))
    } else {
        std::borrow::Cow::Borrowed(earlier)
    };
    let mut used = vec![false; candidates.len()];
    if !earlier_simple.is_empty()
        && let Ok(searcher) = aho_corasick::AhoCorasick::new(
            candidates
                .iter()
                .map(|&(_, at, _)| index.phrases()[at].text.as_str()),
        )
    {
        for found in searcher.find_overlapping_iter(earlier_simple.as_bytes()) {
            used[found.pattern().as_usize()] = true;
        }
    }
    // One item per inserted text; an item that only lengthens or shortens one ranked above
    // it waits behind items that offer something else.
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    let mut ranked: Vec<(f32, usize, usize, String)> = Vec::new();
    for (&(score, at, t), used) in candidates.iter().zip(used) {
        let phrase = &index.phrases()[at];
        let score = score + if used { weights.earlier } else { 0.0 };
        let text = format!(
            "{}{}",
            &cursor.before[first.start..],
            &phrase.full_text()[tails[t].text.len()..]
        );
        if !seen.insert(text.clone()) {
            continue;
        }
        let nested = ranked
            .iter()
            .filter(|r| r.3.starts_with(&text) || text.starts_with(&r.3))
            .count();
        ranked.push((score - weights.nested * nested as f32, at, t, text));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut ranked: Vec<(f32, usize, usize)> =
        ranked.into_iter().map(|(s, a, t, _)| (s, a, t)).collect();
    if ranked.len() > options.max_items || more {
        list.is_incomplete = true;
        ranked.truncate(options.max_items);
    }
    let Some(range_start) = ranked.iter().map(|&(_, _, t)| tails[t].start).min() else {
        return;
    };
    let range = TextRange::new(cursor.line_start + range_start, cursor.offset);
    let traditional = crate::normalize::has_traditional(&cursor.before[range_start..]);
    for (_, at, t) in ranked {
        let phrase = &index.phrases()[at];
        let tail = &tails[t];
        let mut rest = phrase.text[tail.text.len()..].to_string();
        if traditional {
            rest = hanconv::s2t(&rest);
        }
        let mut text = format!("{}{rest}", &cursor.before[range_start..]);
        if let Some(c) = phrase.follow
            && !cursor.after.starts_with(c)
        {
            text.push(c);
        }
        let counts = counts(phrase, at, situation.kind, options.exclude_phrases);
        list.items.push(Completion {
            label: phrase.full_text(),
            kind: CompletionKind::Phrase,
            filter_text: text.clone(),
            edit: Edit { range, text },
            additional_edits: Vec::new(),
            sort_text: String::new(),
            detail: detail(phrase, counts.documents.max(0.0) as u32, options.english),
            documentation: documentation(phrase, options.english),
            snippet: false,
        });
    }
}

fn detail(phrase: &Phrase, documents: u32, english: bool) -> String {
    let place = phrase.typical_place();
    match (english, documents) {
        (false, 0) => format!("规范用语（内置）· 多用于{}", place.chinese()),
        (false, n) => format!("规范用语 · {n} 份文件 · 多用于{}", place.chinese()),
        (true, 0) => format!("phrasing (built in) · mostly {}", place.name()),
        (true, n) => format!("phrasing · {n} documents · mostly {}", place.name()),
    }
}

fn documentation(phrase: &Phrase, english: bool) -> Option<String> {
    let mut kinds: Vec<(Option<DocKind>, u32)> = phrase.kinds().collect();
    kinds.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let name = |k: Option<DocKind>| match (k, english) {
        (Some(k), false) => k.name().to_string(),
        (Some(k), true) => k.english().to_string(),
        (None, false) => "其他".to_string(),
        (None, true) => "other".to_string(),
    };
    let mut lines = Vec::new();
    if !kinds.is_empty() {
        let list: Vec<String> = kinds
            .iter()
            .take(5)
            .map(|&(k, n)| format!("{} {n}", name(k)))
            .collect();
        lines.push(if english {
            format!("Kinds: {}", list.join(", "))
        } else {
            format!("文种：{}", list.join("，"))
        });
    }
    if phrase.is_builtin() {
        let rows: Vec<String> = phrase
            .builtin
            .iter()
            .map(|&(k, p)| {
                let kind = k.map_or(if english { "any" } else { "各文种" }.to_string(), |k| {
                    name(Some(k))
                });
                if english {
                    format!("{kind} ({})", p.name())
                } else {
                    format!("{kind}（{}）", p.chinese())
                }
            })
            .collect();
        lines.push(if english {
            format!("Standard formula: {}", rows.join(", "))
        } else {
            format!("常用公文用语：{}", rows.join("，"))
        });
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}
