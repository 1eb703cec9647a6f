//! Lookup: a 文号 or a title in any form → the known directives it may mean, scored.
//!
//! Titles match exactly (after normalisation), by core (`国务院关于X` ~ `关于X`), fuzzily
//! (small edits), and by content: a title whose directive the archive holds only inside a
//! news item is found through the words of its matter in the item's opening.

use std::collections::HashMap;

use crate::archive::{Archive, DirId, DocId, TitleEntry};
use crate::doc_number::DocNumber;
use crate::document::{Document, Format};
use crate::kind::DocKind;
use crate::normalize::{key, title_core};

/// A directive a query may mean.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupMatch {
    pub directive: DirId,
    /// The archive document to show (its text), if any.
    pub doc: Option<DocId>,
    /// 0..=1; 1 is an exact match on an archive document.
    pub score: f32,
    pub kind: MatchKind,
}

/// How a match was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The same 文号 (bracket style, width and script aside).
    Number,
    /// The same year and serial with an issuer name before the code.
    NumberCompatible,
    /// Same code and serial in another year, or one digit off: probably a typo.
    NumberVariant,
    Title,
    /// Same title once the issuer before `关于` is set aside.
    TitleCore,
    /// A title a few edits away.
    TitleFuzzy,
    /// The matter of the title found in a document's opening.
    Content,
}

impl MatchKind {
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Number => "number",
            MatchKind::NumberCompatible => "number-compatible",
            MatchKind::NumberVariant => "number-variant",
            MatchKind::Title => "title",
            MatchKind::TitleCore => "title-core",
            MatchKind::TitleFuzzy => "title-fuzzy",
            MatchKind::Content => "content",
        }
    }
}

/// Scores below this are not matches.
pub const MIN_SCORE: f32 = 0.5;

type Gram = u64;

/// Bigram indexes over title keys (fuzzy titles) and document openings (content).
#[derive(Clone, Debug, Default)]
pub(crate) struct SearchIndex {
    titles: Vec<(String, DirId)>,
    title_grams: HashMap<Gram, Vec<u32>>,
    lead_grams: HashMap<Gram, Vec<DocId>>,
}

/// Postings longer than this are skipped when a query has other grams to go on.
const COMMON_GRAM: usize = 800;

impl SearchIndex {
    pub(crate) fn build(archive: &Archive) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (d, directive) in archive.directives.iter().enumerate() {
            for entry in &directive.titles {
                let slot = index.titles.len() as u32;
                index.titles.push((entry.key.clone(), d as DirId));
                for gram in grams(&entry.key) {
                    let postings = index.title_grams.entry(gram).or_default();
                    if postings.last() != Some(&slot) {
                        postings.push(slot);
                    }
                }
            }
        }
        for (id, doc) in archive.docs.iter().enumerate() {
            let mut seen: Vec<Gram> = grams(&doc.lead).collect();
            seen.sort_unstable();
            seen.dedup();
            for gram in seen {
                index.lead_grams.entry(gram).or_default().push(id as DocId);
            }
        }
        index
    }

    /// Title slots sharing many bigrams with `query`, best first.
    fn title_candidates(&self, query: &str, limit: usize) -> Vec<(u32, usize)> {
        let mut query_grams: Vec<Gram> = grams(query).collect();
        query_grams.sort_unstable();
        query_grams.dedup();
        let total = query_grams.len();
        let mut counts: HashMap<u32, usize> = HashMap::new();
        let rare = query_grams
            .iter()
            .filter(|g| {
                self.title_grams
                    .get(g)
                    .is_some_and(|p| p.len() <= COMMON_GRAM)
            })
            .count();
        // Grams skipped as common do not count towards the floor either: a title made
        // mostly of common words (`中华人民共和国…`) is still found by its rare ones.
        let mut used = total;
        for gram in &query_grams {
            let Some(postings) = self.title_grams.get(gram) else {
                continue;
            };
            if postings.len() > COMMON_GRAM && rare >= 3 {
                used -= 1;
                continue;
            }
            for &slot in postings {
                *counts.entry(slot).or_default() += 1;
            }
        }
        let floor = (used / 2).max(1);
        let mut out: Vec<(u32, usize)> = counts.into_iter().filter(|&(_, n)| n >= floor).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }

    /// Documents whose opening holds most bigrams of `matter`, with the share held.
    fn content(&self, matter: &str) -> Vec<(DocId, f32)> {
        let mut query_grams: Vec<Gram> = grams(matter).collect();
        query_grams.sort_unstable();
        query_grams.dedup();
        if query_grams.len() < 3 {
            return Vec::new();
        }
        let mut counts: HashMap<DocId, usize> = HashMap::new();
        for gram in &query_grams {
            for &doc in self.lead_grams.get(gram).map_or(&[][..], Vec::as_slice) {
                *counts.entry(doc).or_default() += 1;
            }
        }
        let total = query_grams.len() as f32;
        let mut out: Vec<(DocId, f32)> = counts
            .into_iter()
            .map(|(d, n)| (d, n as f32 / total))
            .filter(|&(_, s)| s >= 0.75)
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(10);
        out
    }
}

fn grams(key: &str) -> impl Iterator<Item = Gram> + '_ {
    let chars: Vec<char> = key.chars().collect();
    let single = (chars.len() == 1).then(|| chars[0] as u64);
    let pairs: Vec<Gram> = chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect();
    single.into_iter().chain(pairs)
}

/// True when `other` is one typo away from `number`: same code and serial in another year,
/// or same code and year with a serial of equal length differing in one digit.
pub fn is_near_variant(number: &DocNumber, other: &DocNumber) -> bool {
    if other.code != number.code || other == number {
        return false;
    }
    let other_year =
        other.year != number.year && other.serial == number.serial && other.year.is_some();
    let (a, b) = (other.serial.to_string(), number.serial.to_string());
    let one_digit = other.year == number.year
        && a.len() == b.len()
        && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1;
    other_year || one_digit
}

/// Edit distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = current;
        }
    }
    row[b.len()]
}

/// Similarity of two keys in 0..=1 (1 - edit distance / longer length).
pub fn similarity(a: &str, b: &str) -> f32 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f32 / longest as f32
}

/// The matter of a title: without issuer, `关于` and the `的通知` ending.
fn matter(title_key: &str) -> &str {
    let core = title_core(title_key);
    let core = core.strip_prefix("关于").unwrap_or(core);
    match DocKind::from_title(core) {
        Some(kind) => {
            let name = if core.ends_with("会议纪要") {
                "会议纪要"
            } else if core.ends_with("复函") {
                "复函"
            } else {
                kind.name()
            };
            let stripped = core.strip_suffix(name).unwrap_or(core);
            stripped.strip_suffix('的').unwrap_or(stripped)
        }
        None => core,
    }
}

impl Archive {
    /// The directives a query may mean, best first. The query is a 文号, a title, or a
    /// citation `《title》（文号）`, in any script, width or bracket style.
    pub fn lookup(&self, query: &str, limit: usize) -> Vec<LookupMatch> {
        let parsed = Document::parse(query.trim().to_string(), Format::Plain);
        let number = DocNumber::parse(query)
            .or_else(|| parsed.doc_numbers.first().map(|m| m.found.number.clone()));
        let title = parsed
            .citations
            .iter()
            .find(|c| !c.is_back_reference)
            .map(|c| c.key.clone())
            .or_else(|| (DocNumber::parse(query).is_none()).then(|| key(query)))
            .filter(|k| k.chars().count() >= 2);

        let mut found: Vec<LookupMatch> = Vec::new();
        if let Some(number) = &number {
            self.lookup_number(number, &mut found);
        }
        if let Some(title) = &title {
            self.lookup_title(title, &mut found);
        }
        self.finish(found, limit)
    }

    /// Directives for a 文号, with near variants at a low score.
    pub fn lookup_number(&self, number: &DocNumber, found: &mut Vec<LookupMatch>) {
        for (d, score) in self.find_number(number, None) {
            let directive = &self.directives[d as usize];
            let weight = if !directive.docs.is_empty() {
                1.0
            } else if directive.titles.iter().any(|t| !t.paired.is_empty()) {
                0.98
            } else {
                0.9
            };
            let kind = if score < 1.0 {
                MatchKind::NumberCompatible
            } else {
                MatchKind::Number
            };
            found.push(LookupMatch {
                directive: d,
                doc: None,
                score: score * weight,
                kind,
            });
        }
        for (d, _) in self.number_variants(number, None) {
            found.push(LookupMatch {
                directive: d,
                doc: None,
                score: 0.55,
                kind: MatchKind::NumberVariant,
            });
        }
    }

    /// Known 文号 one typo away: same code and serial in another year, or same code and year
    /// with a serial of equal length differing in one digit.
    pub fn number_variants(
        &self,
        number: &DocNumber,
        exclude: Option<DocId>,
    ) -> Vec<(DirId, &DocNumber)> {
        let mut out = Vec::new();
        for &d in self.with_code(&number.code) {
            let Some(other) = &self.directives[d as usize].number else {
                continue;
            };
            if other == number || !self.has_number_evidence(d, exclude) {
                continue;
            }
            if is_near_variant(number, other) {
                out.push((d, other));
            }
        }
        out
    }

    /// Title keys of the index that share most bigrams with `title_key`, best first, with
    /// their directive and entry: the candidates for a near miss.
    pub fn similar_titles(&self, title_key: &str, limit: usize) -> Vec<(DirId, &TitleEntry)> {
        let mut out = Vec::new();
        for (slot, _) in self.search.title_candidates(title_key, limit) {
            let (candidate, d) = &self.search.titles[slot as usize];
            if let Some(entry) = self.directives[*d as usize]
                .titles
                .iter()
                .find(|t| &t.key == candidate)
            {
                out.push((*d, entry));
            }
        }
        out
    }

    /// True when two adjacent characters occur in some title key of the index: a
    /// substitution that makes an unseen pair is more likely a typo than another title.
    pub fn title_has_pair(&self, a: char, b: char) -> bool {
        self.search
            .title_grams
            .contains_key(&(((a as u64) << 32) | b as u64))
    }

    /// Directives for a title key: exact, by core, fuzzy, by content.
    pub fn lookup_title(&self, title_key: &str, found: &mut Vec<LookupMatch>) {
        let exact = self.find_title_exact(title_key);
        for &d in &exact {
            let score = self.title_evidence_score(d, title_key);
            found.push(LookupMatch {
                directive: d,
                doc: None,
                score,
                kind: MatchKind::Title,
            });
        }
        let core = title_core(title_key);
        for d in self.find_title_core(title_key) {
            if exact.contains(&d) {
                continue;
            }
            let entry = self.directives[d as usize]
                .titles
                .iter()
                .find(|t| title_core(&t.key) == core || t.key == core);
            let score = 0.92 * entry.map_or(0.85, |e| self.entry_score(e, title_key));
            found.push(LookupMatch {
                directive: d,
                doc: None,
                score,
                kind: MatchKind::TitleCore,
            });
        }
        for (slot, _) in self.search.title_candidates(title_key, 40) {
            let (candidate, d) = &self.search.titles[slot as usize];
            if exact.contains(d) {
                continue;
            }
            let sim = similarity(title_key, candidate)
                .max(similarity(title_core(title_key), title_core(candidate)));
            if sim >= 0.75 {
                found.push(LookupMatch {
                    directive: *d,
                    doc: None,
                    score: 0.9 * sim,
                    kind: MatchKind::TitleFuzzy,
                });
            }
        }
        // The text of a directive known only from citations may still be in the archive,
        // inside a news item or under another heading: look for its matter.
        let has_text = found
            .iter()
            .any(|m| m.score >= 0.9 && !self.directives[m.directive as usize].docs.is_empty());
        let matter = matter(title_key);
        if !has_text && matter.chars().count() >= 4 {
            for (doc, share) in self.search.content(matter) {
                let d = self.docs[doc as usize].directive;
                found.push(LookupMatch {
                    directive: d,
                    doc: Some(doc),
                    score: 0.4 + 0.5 * share,
                    kind: MatchKind::Content,
                });
            }
        }
    }

    /// How well the evidence supports a directive having this title: its document's own
    /// title 1.0; the title of a news item that carries it 0.95; cited with its 文号 0.9 to
    /// 0.98 by share of the pairs; cited alone 0.85.
    fn title_evidence_score(&self, d: DirId, title_key: &str) -> f32 {
        let directive = &self.directives[d as usize];
        let Some(entry) = directive
            .titles
            .iter()
            .find(|t| super::same_title(&t.key, title_key))
        else {
            return 0.85;
        };
        let prefix_penalty = if entry.key == title_key { 1.0 } else { 0.99 };
        self.entry_score(entry, &entry.key) * prefix_penalty
    }

    fn entry_score(&self, entry: &super::TitleEntry, title_key: &str) -> f32 {
        if !entry.docs.is_empty() {
            1.0
        } else if !entry.carried.is_empty() {
            0.95
        } else if !entry.paired.is_empty() {
            let total: usize = self
                .find_title_exact(title_key)
                .iter()
                .flat_map(|&o| self.directives[o as usize].titles.iter())
                .filter(|t| super::same_title(&t.key, title_key))
                .map(|t| t.paired.len())
                .sum();
            0.9 + 0.08 * entry.paired.len() as f32 / total.max(1) as f32
        } else {
            0.85
        }
    }

    /// Merges matches per directive, picks the document to show, orders best first.
    fn finish(&self, found: Vec<LookupMatch>, limit: usize) -> Vec<LookupMatch> {
        let mut best: Vec<LookupMatch> = Vec::new();
        for m in found {
            match best.iter_mut().find(|b| b.directive == m.directive) {
                Some(b) => {
                    let both = (b.kind == MatchKind::Number) != (m.kind == MatchKind::Number)
                        && matches!(b.kind, MatchKind::Number | MatchKind::Title)
                        && matches!(m.kind, MatchKind::Number | MatchKind::Title);
                    if m.score > b.score {
                        let doc = b.doc.or(m.doc);
                        *b = LookupMatch { doc, ..m };
                    } else if b.doc.is_none() {
                        b.doc = m.doc;
                    }
                    if both {
                        b.score = (b.score + 0.01).min(1.0);
                    }
                }
                None => best.push(m),
            }
        }
        let mut out: Vec<LookupMatch> = Vec::new();
        for m in best.into_iter().filter(|m| m.score >= MIN_SCORE) {
            let docs = &self.directives[m.directive as usize].docs;
            match (m.doc, docs.first()) {
                (Some(_), _) | (None, None) => out.push(m),
                (None, Some(&first)) => {
                    out.push(LookupMatch {
                        doc: Some(first),
                        ..m.clone()
                    });
                    // Further copies of the same directive follow as runners-up.
                    for &other in &docs[1..] {
                        out.push(LookupMatch {
                            doc: Some(other),
                            score: m.score * 0.99,
                            ..m.clone()
                        });
                    }
                }
            }
        }
        let date = |m: &LookupMatch| {
            m.doc
                .and_then(|d| self.docs[d as usize].meta.date.as_ref().map(|f| f.value))
        };
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.doc.is_some().cmp(&a.doc.is_some()))
                .then_with(|| date(b).cmp(&date(a)))
                .then_with(|| a.doc.cmp(&b.doc))
        });
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(
            levenshtein("中国共产党纪律处分条例", "中国共产党纪律处分条列"),
            1
        );
        assert_eq!(levenshtein("", "通知"), 2);
        assert!(similarity("关于做好工作的通知", "关于做好工作的通知") == 1.0);
    }

    #[test]
    fn matter_drops_issuer_guanyu_and_kind() {
        assert_eq!(
            matter(&key("中央关于把学习培训工作引向深入的通知")),
            "把学习培训工作引向深入"
        );
        assert_eq!(
            matter(&key("国务院办公厅关于黄金经济政策有关问题的复函")),
            "黄金经济政策有关问题"
        );
    }
}
