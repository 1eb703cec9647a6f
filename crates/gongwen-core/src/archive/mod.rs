//! The archive index: every known directive, by 文号 and by title, with the citation graph.
//!
//! A *directive* is an archive document, or a directive the archive only cites. Citations of
//! the form `《title》（文号）` teach which title goes with which 文号 even when the directive's
//! own text is absent; conflicting pairs are all kept, with their evidence. Every piece of
//! evidence remembers the document it came from, so that a document being checked can be
//! left out of the evidence about itself.

mod search;
mod summary;

use std::collections::HashMap;

pub use search::{LookupMatch, MatchKind, is_near_variant, levenshtein};
pub use summary::{CiteSummary, DocSummary, Position, snippet};

use crate::doc_number::DocNumber;
use crate::document::{Metadata, Source};
use crate::normalize::{key, title_core};

pub type DocId = u32;
pub type DirId = u32;
pub type CiteId = u32;

/// One archive document.
#[derive(Clone, Debug)]
pub struct ArchiveDoc {
    pub path: String,
    pub bytes: u64,
    pub meta: Metadata,
    pub excerpt: String,
    /// The directive this document is (the text of).
    pub directive: DirId,
    /// Citations made in this document.
    pub cites: Vec<CiteId>,
    lead: String,
}

/// A known directive.
#[derive(Clone, Debug, Default)]
pub struct Directive {
    pub number: Option<DocNumber>,
    /// Titles it goes by, best supported first.
    pub titles: Vec<TitleEntry>,
    /// Archive documents that carry its text, strongest metadata first.
    pub docs: Vec<DocId>,
    /// Places in the archive that cite it.
    pub cites: Vec<CiteId>,
}

impl Directive {
    /// How many archive documents carry it or cite it (each citing place counts), not
    /// counting what `exclude` contributes.
    pub fn evidence(&self, archive: &Archive, exclude: Option<DocId>) -> usize {
        self.docs.iter().filter(|&&d| Some(d) != exclude).count()
            + self
                .cites
                .iter()
                .filter(|&&c| Some(archive.cites[c as usize].doc) != exclude)
                .count()
    }
}

/// A title of a directive and the evidence for it.
#[derive(Clone, Debug, Default)]
pub struct TitleEntry {
    pub display: String,
    pub key: String,
    /// Documents whose own title this is.
    pub docs: Vec<DocId>,
    /// Documents that carry this directive inside a news item (`发出《…》`).
    pub carried: Vec<DocId>,
    /// Citations pairing this title with the directive's 文号.
    pub paired: Vec<CiteId>,
    /// Citations of the title alone.
    pub bare: Vec<CiteId>,
}

impl TitleEntry {
    /// Evidence that makes the title *known* (a document or a `《title》（文号）` pair), not
    /// counting what `exclude` contributes.
    pub fn known_count(&self, archive: &Archive, exclude: Option<DocId>) -> usize {
        self.docs.iter().filter(|&&d| Some(d) != exclude).count()
            + self.carried.iter().filter(|&&d| Some(d) != exclude).count()
            + self
                .paired
                .iter()
                .filter(|&&c| Some(archive.cites[c as usize].doc) != exclude)
                .count()
    }

    /// All evidence, bare citations included.
    pub fn seen_count(&self, archive: &Archive, exclude: Option<DocId>) -> usize {
        self.known_count(archive, exclude)
            + self
                .bare
                .iter()
                .filter(|&&c| Some(archive.cites[c as usize].doc) != exclude)
                .count()
    }
}

/// A citing place in the archive.
#[derive(Clone, Debug)]
pub struct Cite {
    pub doc: DocId,
    pub position: Position,
    pub title: Option<String>,
    pub number: Option<DocNumber>,
    pub snippet: String,
    pub directive: DirId,
}

/// How much the archive knows of a 文号 or a title (see the rule contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knowledge {
    /// An archive document carries it, or a citation pairs it with a title (a number), or
    /// with a number (a title).
    Known(DirId),
    /// Archive citations mention it only on its own.
    Seen(DirId),
    Unknown,
}

/// The index over an archive.
#[derive(Clone, Debug, Default)]
pub struct Archive {
    pub docs: Vec<ArchiveDoc>,
    pub directives: Vec<Directive>,
    pub cites: Vec<Cite>,
    by_number: HashMap<String, Vec<DirId>>,
    /// (year, serial) → directives, for codes written with an issuer name before them.
    by_serial: HashMap<(Option<u16>, u32), Vec<DirId>>,
    /// 机关代字 → directives, for near variants.
    by_code: HashMap<String, Vec<DirId>>,
    by_title: HashMap<String, Vec<DirId>>,
    by_core: HashMap<String, Vec<DirId>>,
    by_path: HashMap<String, DocId>,
    search: search::SearchIndex,
}

impl Archive {
    /// Builds the index from document summaries (in any order; ids follow the order given).
    pub fn build(summaries: Vec<DocSummary>) -> Archive {
        let mut archive = Archive::default();
        let mut pending: Vec<(DocId, CiteSummary)> = Vec::new();
        for summary in summaries {
            let id = archive.docs.len() as DocId;
            archive.by_path.insert(summary.path.clone(), id);
            let directive = archive.add_document_directive(id, &summary.meta);
            pending.extend(summary.citations.into_iter().map(|c| (id, c)));
            archive.docs.push(ArchiveDoc {
                path: summary.path,
                bytes: summary.bytes,
                meta: summary.meta,
                excerpt: summary.excerpt,
                directive,
                cites: Vec::new(),
                lead: summary.lead,
            });
        }
        for directive in &mut archive.directives {
            let docs = &archive.docs;
            directive.docs.sort_by_key(|&d| {
                let meta = &docs[d as usize].meta;
                (
                    meta.doc_number.as_ref().map_or(Source::Title, |f| f.source),
                    docs[d as usize].path.clone(),
                )
            });
        }

        // Pairs first, so that the titles they teach are there for bare titles; then bare
        // 文号; then bare titles.
        let order = |c: &CiteSummary| match (&c.title, &c.number) {
            (Some(_), Some(_)) => 0,
            (None, Some(_)) => 1,
            _ => 2,
        };
        pending.sort_by_key(|(doc, c)| (order(c), *doc, c.position));
        for (doc, cite) in pending {
            archive.add_cite(doc, cite);
        }
        for doc in &mut archive.docs {
            doc.cites
                .sort_by_key(|&c| archive.cites[c as usize].position);
        }
        for directive in &mut archive.directives {
            let cites = &archive.cites;
            directive.titles.sort_by_key(|t| {
                let paired = t.paired.len();
                (
                    std::cmp::Reverse(t.docs.len()),
                    std::cmp::Reverse(t.carried.len() + paired),
                    std::cmp::Reverse(t.bare.len()),
                )
            });
            directive
                .cites
                .sort_by_key(|&c| (cites[c as usize].doc, cites[c as usize].position));
        }
        archive.search = search::SearchIndex::build(&archive);
        archive
    }

    fn add_document_directive(&mut self, doc: DocId, meta: &Metadata) -> DirId {
        // Two copies of one directive (same 文号) are one directive.
        let existing = meta.doc_number.as_ref().and_then(|n| {
            self.by_number.get(&n.value.key()).and_then(|ids| {
                ids.iter()
                    .copied()
                    .find(|&d| !self.directives[d as usize].docs.is_empty())
            })
        });
        let id = match existing {
            Some(id) => id,
            None => {
                let id = self.directives.len() as DirId;
                self.directives.push(Directive {
                    number: meta.doc_number.as_ref().map(|f| f.value.clone()),
                    ..Directive::default()
                });
                if let Some(number) = &meta.doc_number {
                    self.index_number(id, &number.value);
                }
                id
            }
        };
        self.directives[id as usize].docs.push(doc);
        if let Some(title) = &meta.title {
            let entry = self.title_entry(id, &title.value);
            self.directives[id as usize].titles[entry].docs.push(doc);
        }
        if let Some(carried) = &meta.carried_title {
            let entry = self.title_entry(id, &carried.value);
            self.directives[id as usize].titles[entry].carried.push(doc);
        }
        id
    }

    fn add_cite(&mut self, doc: DocId, summary: CiteSummary) {
        let cite_id = self.cites.len() as CiteId;
        let title_key = summary.title.as_deref().map(key);
        let by_number = summary
            .number
            .as_ref()
            .and_then(|n| self.find_number(n, None).first().map(|&(d, _)| d));
        let directive = match (&summary.number, by_number) {
            (_, Some(d)) => d,
            (Some(number), None) => {
                let id = self.directives.len() as DirId;
                self.directives.push(Directive {
                    number: Some(number.clone()),
                    ..Directive::default()
                });
                self.index_number(id, number);
                id
            }
            (None, None) => {
                let title_key = title_key.as_deref().unwrap_or_default();
                match self.find_title_exact(title_key).into_iter().next() {
                    Some(d) => d,
                    None => {
                        let id = self.directives.len() as DirId;
                        self.directives.push(Directive::default());
                        id
                    }
                }
            }
        };
        if let Some(title) = &summary.title {
            let entry = self.title_entry(directive, title);
            let entry = &mut self.directives[directive as usize].titles[entry];
            if summary.number.is_some() {
                entry.paired.push(cite_id)
            } else {
                entry.bare.push(cite_id)
            }
        }
        self.directives[directive as usize].cites.push(cite_id);
        self.docs[doc as usize].cites.push(cite_id);
        self.cites.push(Cite {
            doc,
            position: summary.position,
            title: summary.title,
            number: summary.number,
            snippet: summary.snippet,
            directive,
        });
    }

    /// The entry for `title` in a directive's titles, created (and indexed) if new.
    fn title_entry(&mut self, directive: DirId, title: &str) -> usize {
        let title_key = key(title);
        let titles = &mut self.directives[directive as usize].titles;
        if let Some(i) = titles.iter().position(|t| t.key == title_key) {
            return i;
        }
        titles.push(TitleEntry {
            display: title.to_string(),
            key: title_key.clone(),
            ..TitleEntry::default()
        });
        let ids = self.by_title.entry(title_key.clone()).or_default();
        if !ids.contains(&directive) {
            ids.push(directive);
        }
        let core = title_core(&title_key).to_string();
        if core != title_key {
            let ids = self.by_core.entry(core).or_default();
            if !ids.contains(&directive) {
                ids.push(directive);
            }
        }
        titles.len() - 1
    }

    fn index_number(&mut self, directive: DirId, number: &DocNumber) {
        self.by_number
            .entry(number.key())
            .or_default()
            .push(directive);
        self.by_serial
            .entry((number.year, number.serial))
            .or_default()
            .push(directive);
        self.by_code
            .entry(number.code.clone())
            .or_default()
            .push(directive);
    }

    /// The summaries the index was built from, in document order: with one of them replaced
    /// or removed, `Archive::build` makes the index of the changed archive without reading the
    /// other files again.
    pub fn summaries(&self) -> Vec<DocSummary> {
        self.docs
            .iter()
            .map(|doc| DocSummary {
                path: doc.path.clone(),
                bytes: doc.bytes,
                meta: doc.meta.clone(),
                excerpt: doc.excerpt.clone(),
                lead: doc.lead.clone(),
                citations: doc
                    .cites
                    .iter()
                    .map(|&c| {
                        let cite = &self.cites[c as usize];
                        CiteSummary {
                            position: cite.position,
                            title: cite.title.clone(),
                            number: cite.number.clone(),
                            snippet: cite.snippet.clone(),
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    pub fn doc(&self, id: DocId) -> &ArchiveDoc {
        &self.docs[id as usize]
    }

    pub fn directive(&self, id: DirId) -> &Directive {
        &self.directives[id as usize]
    }

    pub fn cite(&self, id: CiteId) -> &Cite {
        &self.cites[id as usize]
    }

    pub fn doc_by_path(&self, path: &str) -> Option<DocId> {
        self.by_path.get(path).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Directives carrying `number` or a compatible one (an issuer name before the code),
    /// with a score: 1.0 exact, 0.95 compatible. Evidence from `exclude` alone does not
    /// count.
    pub fn find_number(&self, number: &DocNumber, exclude: Option<DocId>) -> Vec<(DirId, f32)> {
        let mut found: Vec<(DirId, f32)> = Vec::new();
        if let Some(ids) = self.by_number.get(&number.key()) {
            found.extend(ids.iter().map(|&d| (d, 1.0)));
        }
        if let Some(ids) = self.by_serial.get(&(number.year, number.serial)) {
            for &d in ids {
                let other = self.directives[d as usize]
                    .number
                    .as_ref()
                    .expect("indexed by number");
                if other.code != number.code && number.same_document(other) {
                    found.push((d, 0.95));
                }
            }
        }
        found.retain(|&(d, _)| self.has_number_evidence(d, exclude));
        // Directives with a text first.
        found.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| {
                self.directives[b.0 as usize]
                    .docs
                    .is_empty()
                    .cmp(&self.directives[a.0 as usize].docs.is_empty())
                    .reverse()
            })
        });
        found
    }

    fn has_number_evidence(&self, d: DirId, exclude: Option<DocId>) -> bool {
        let directive = &self.directives[d as usize];
        directive.docs.iter().any(|&doc| Some(doc) != exclude)
            || directive.cites.iter().any(|&c| {
                let cite = &self.cites[c as usize];
                cite.number.is_some() && Some(cite.doc) != exclude
            })
    }

    /// How much the archive knows of a 文号, leaving out what `exclude` contributes.
    pub fn number_knowledge(&self, number: &DocNumber, exclude: Option<DocId>) -> Knowledge {
        let mut seen = None;
        for (d, _) in self.find_number(number, exclude) {
            let directive = &self.directives[d as usize];
            let known = directive.docs.iter().any(|&doc| Some(doc) != exclude)
                || directive
                    .titles
                    .iter()
                    .any(|t| !t.paired.is_empty() && t.known_count(self, exclude) > 0);
            if known {
                return Knowledge::Known(d);
            }
            seen.get_or_insert(d);
        }
        seen.map_or(Knowledge::Unknown, Knowledge::Seen)
    }

    /// How much the archive knows of a title (by key), leaving out `exclude`.
    pub fn title_knowledge(&self, title_key: &str, exclude: Option<DocId>) -> Knowledge {
        let mut seen = None;
        for d in self.find_title_exact(title_key) {
            for entry in self.directives[d as usize]
                .titles
                .iter()
                .filter(|t| t.key == title_key || same_title(&t.key, title_key))
            {
                if entry.known_count(self, exclude) > 0 {
                    return Knowledge::Known(d);
                }
                if entry.seen_count(self, exclude) > 0 {
                    seen.get_or_insert(d);
                }
            }
        }
        seen.map_or(Knowledge::Unknown, Knowledge::Seen)
    }

    /// Titles the archive pairs with a 文号 (from documents and `《title》（文号）` citations),
    /// with how much evidence each has, leaving out `exclude`.
    pub fn titles_for_number(
        &self,
        number: &DocNumber,
        exclude: Option<DocId>,
    ) -> Vec<(DirId, &TitleEntry, usize)> {
        let mut out = Vec::new();
        for (d, _) in self.find_number(number, exclude) {
            for entry in &self.directives[d as usize].titles {
                let count = entry
                    .docs
                    .iter()
                    .filter(|&&doc| Some(doc) != exclude)
                    .count()
                    + entry
                        .paired
                        .iter()
                        .filter(|&&c| Some(self.cites[c as usize].doc) != exclude)
                        .count();
                if count > 0 {
                    out.push((d, entry, count));
                }
            }
        }
        out
    }

    /// 文号 the archive pairs with a title (by key), with evidence counts, leaving out
    /// `exclude`.
    pub fn numbers_for_title(
        &self,
        title_key: &str,
        exclude: Option<DocId>,
    ) -> Vec<(DirId, &DocNumber, usize)> {
        let mut out = Vec::new();
        for d in self.find_title_exact(title_key) {
            let directive = &self.directives[d as usize];
            let Some(number) = &directive.number else {
                continue;
            };
            let count: usize = directive
                .titles
                .iter()
                .filter(|t| same_title(&t.key, title_key))
                .map(|t| {
                    t.docs.iter().filter(|&&doc| Some(doc) != exclude).count()
                        + t.paired
                            .iter()
                            .filter(|&&c| Some(self.cites[c as usize].doc) != exclude)
                            .count()
                })
                .sum();
            if count > 0 {
                out.push((d, number, count));
            }
        }
        out
    }

    /// Directives with exactly this title key (or the same with `中华人民共和国` added or
    /// dropped).
    pub fn find_title_exact(&self, title_key: &str) -> Vec<DirId> {
        let mut out: Vec<DirId> = Vec::new();
        for candidate in title_variants(title_key) {
            if let Some(ids) = self.by_title.get(&candidate) {
                for &d in ids {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    /// Directives whose title has the same core (`国务院关于X的通知` ~ `关于X的通知`).
    pub fn find_title_core(&self, title_key: &str) -> Vec<DirId> {
        let core = title_core(title_key);
        let mut out: Vec<DirId> = self.by_core.get(core).cloned().unwrap_or_default();
        if core != title_key
            && let Some(ids) = self.by_title.get(core)
        {
            for &d in ids {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        out
    }

    /// Directives with the same 机关代字.
    pub fn with_code(&self, code: &str) -> &[DirId] {
        self.by_code.get(code).map_or(&[], Vec::as_slice)
    }

    /// The title to show for a directive: its document's, else the best-supported one.
    pub fn display_title(&self, d: DirId) -> Option<&str> {
        self.directives[d as usize]
            .titles
            .first()
            .map(|t| t.display.as_str())
    }

    /// Every distinct title key in the index, for completion and symbol search.
    pub fn title_keys(&self) -> impl Iterator<Item = (&str, &[DirId])> {
        self.by_title
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Counts for `gongwen index` and status reports.
    pub fn stats(&self) -> ArchiveStats {
        let cited_only = self.directives.iter().filter(|d| d.docs.is_empty()).count();
        ArchiveStats {
            documents: self.docs.len(),
            with_number: self
                .docs
                .iter()
                .filter(|d| d.meta.doc_number.is_some())
                .count(),
            citations: self.cites.len(),
            directives: self.directives.len(),
            cited_only,
            cited_only_known: self
                .directives
                .iter()
                .filter(|d| {
                    d.docs.is_empty()
                        && d.number.is_some()
                        && d.titles.iter().any(|t| !t.paired.is_empty())
                })
                .count(),
            bytes: self.docs.iter().map(|d| d.bytes).sum(),
        }
    }
}

/// Archive counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArchiveStats {
    pub documents: usize,
    pub with_number: usize,
    pub citations: usize,
    pub directives: usize,
    /// Directives known only from citations.
    pub cited_only: usize,
    /// Of those, directives whose 文号 and title the archive pairs.
    pub cited_only_known: usize,
    pub bytes: u64,
}

const STATE_PREFIX: &str = "中华人民共和国";

fn title_variants(title_key: &str) -> Vec<String> {
    match title_key.strip_prefix(STATE_PREFIX) {
        Some(rest) if !rest.is_empty() => vec![title_key.to_string(), rest.to_string()],
        _ => vec![title_key.to_string(), format!("{STATE_PREFIX}{title_key}")],
    }
}

/// Title keys equal up to the `中华人民共和国` prefix.
pub fn same_title(a: &str, b: &str) -> bool {
    a == b || a.strip_prefix(STATE_PREFIX) == Some(b) || b.strip_prefix(STATE_PREFIX) == Some(a)
}

#[cfg(test)]
mod tests;
