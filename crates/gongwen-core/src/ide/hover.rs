//! Hover on a citation (`《title》`, `《title》（文号）`, a back-reference `中央《通知》`) or a
//! 文号: the card of the directive it names, or "unknown" with the nearest candidates.

use crate::archive::{Archive, DirId, DocId, LookupMatch};
use crate::document::Document;
use crate::ide::{Subject, has_evidence, resolve, subject_at_cursor};
use crate::kind::DocKind;
use crate::text::TextRange;

/// What a hover shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// The citation or 文号 hovered.
    pub range: TextRange,
    pub card: Card,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Card {
    Known(DirectiveCard),
    /// The archive knows nothing of it; the nearest candidates, best first.
    Unknown {
        label: String,
        candidates: Vec<Candidate>,
    },
    /// The archive is still being indexed.
    Pending {
        label: String,
    },
}

/// What the archive knows of one directive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DirectiveCard {
    pub title: Option<String>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub kind: Option<String>,
    /// The first lines of its text, when the archive holds it.
    pub excerpt: Option<String>,
    /// The citing sentence, when the archive only cites it.
    pub cited_as: Option<String>,
    /// Archive path and 1-based line: the document, or the first citing place.
    pub location: Option<(String, usize)>,
    /// True when `location` is a citing place (the archive has no text of it).
    pub cited_only: bool,
    /// How many archive documents cite it.
    pub cited_by: usize,
}

/// A directive a subject the archive does not know might mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub title: Option<String>,
    pub number: Option<String>,
    pub location: Option<(String, usize)>,
}

/// The hover at `offset`. `archive` is `None` while the first index is being built.
pub fn hover(
    doc: &Document,
    archive: Option<&Archive>,
    exclude: Option<DocId>,
    offset: usize,
) -> Option<Hover> {
    let subject = subject_at_cursor(doc, offset)?;
    let Some(archive) = archive else {
        return Some(Hover {
            range: subject.range,
            card: Card::Pending {
                label: subject.label(),
            },
        });
    };
    let card = match resolve(archive, &subject, exclude) {
        Some(d) => Card::Known(directive_card(archive, d, exclude)),
        None => Card::Unknown {
            label: subject.label(),
            candidates: candidates(archive, &subject, exclude),
        },
    };
    Some(Hover {
        range: subject.range,
        card,
    })
}

/// The card of a known directive, leaving `exclude` out of its evidence.
pub fn directive_card(archive: &Archive, d: DirId, exclude: Option<DocId>) -> DirectiveCard {
    let directive = archive.directive(d);
    let doc = directive
        .docs
        .iter()
        .copied()
        .find(|&doc| Some(doc) != exclude);
    let cites: Vec<_> = directive
        .cites
        .iter()
        .map(|&c| archive.cite(c))
        .filter(|c| Some(c.doc) != exclude)
        .collect();
    let mut citing_docs: Vec<DocId> = cites.iter().map(|c| c.doc).collect();
    citing_docs.sort_unstable();
    citing_docs.dedup();
    let title = doc
        .and_then(|doc| {
            archive
                .doc(doc)
                .meta
                .title
                .as_ref()
                .map(|t| t.value.clone())
        })
        .or_else(|| {
            directive
                .titles
                .iter()
                .find(|t| t.seen_count(archive, exclude) > 0)
                .map(|t| t.display.clone())
        });
    let number = directive
        .number
        .as_ref()
        .map(ToString::to_string)
        .or_else(|| {
            doc.and_then(|doc| {
                archive
                    .doc(doc)
                    .meta
                    .doc_number
                    .as_ref()
                    .map(|n| n.value.to_string())
            })
        });
    let mut card = DirectiveCard {
        kind: title
            .as_deref()
            .and_then(DocKind::from_title)
            .map(|k| k.name().to_string()),
        title,
        number,
        cited_by: citing_docs.len(),
        ..DirectiveCard::default()
    };
    match doc {
        Some(doc) => {
            let archive_doc = archive.doc(doc);
            let meta = &archive_doc.meta;
            card.issuer = meta.issuer.as_ref().map(|f| f.value.clone());
            card.date = meta.date.as_ref().map(|f| f.value.iso());
            if let Some(kind) = &meta.kind {
                card.kind = Some(kind.value.name().to_string());
            }
            card.excerpt = (!archive_doc.excerpt.is_empty()).then(|| archive_doc.excerpt.clone());
            card.location = Some((archive_doc.path.clone(), meta.title_line.unwrap_or(0) + 1));
        }
        None => {
            // The sentence of a citation that pairs title and 文号 says most.
            let best = cites
                .iter()
                .find(|c| c.title.is_some() && c.number.is_some())
                .or_else(|| cites.first());
            if let Some(cite) = best {
                card.cited_as = Some(cite.snippet.clone());
                card.location = Some((
                    archive.doc(cite.doc).path.clone(),
                    cite.position.line as usize + 1,
                ));
            }
            card.cited_only = true;
        }
    }
    card
}

fn candidates(archive: &Archive, subject: &Subject, exclude: Option<DocId>) -> Vec<Candidate> {
    let query = subject.query();
    if query.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen: Vec<DirId> = Vec::new();
    for LookupMatch { directive, doc, .. } in archive.lookup(&query, 12) {
        if seen.contains(&directive) || !has_evidence(archive, directive, exclude) {
            continue;
        }
        seen.push(directive);
        let card = directive_card(archive, directive, exclude);
        let location = doc
            .filter(|&d| Some(d) != exclude)
            .map(|d| {
                let archive_doc = archive.doc(d);
                (
                    archive_doc.path.clone(),
                    archive_doc.meta.title_line.unwrap_or(0) + 1,
                )
            })
            .or(card.location);
        out.push(Candidate {
            title: card.title,
            number: card.number,
            location,
        });
        if out.len() == 5 {
            break;
        }
    }
    out
}

impl Hover {
    /// The card as Markdown, in Chinese or English.
    pub fn markdown(&self, english: bool) -> String {
        self.card.markdown(english)
    }
}

impl Card {
    pub fn markdown(&self, english: bool) -> String {
        match self {
            Card::Known(card) => card.markdown(english),
            Card::Unknown { label, candidates } => {
                let mut out = if english {
                    format!("**Not in the archive:** {label}\n")
                } else {
                    format!("**档案中未找到：**{label}\n")
                };
                if !candidates.is_empty() {
                    out.push_str(if english {
                        "\nNearest known:\n\n"
                    } else {
                        "\n相近的已知公文：\n\n"
                    });
                    for candidate in candidates {
                        out.push_str("- ");
                        out.push_str(&title_and_number(
                            candidate.title.as_deref(),
                            candidate.number.as_deref(),
                        ));
                        if let Some((path, line)) = &candidate.location {
                            out.push_str(&format!(" — `{path}:{line}`"));
                        }
                        out.push('\n');
                    }
                }
                out
            }
            Card::Pending { label } => {
                if english {
                    format!("{label}\n\n*The archive is being indexed…*\n")
                } else {
                    format!("{label}\n\n*档案索引中……*\n")
                }
            }
        }
    }
}

fn title_and_number(title: Option<&str>, number: Option<&str>) -> String {
    match (title, number) {
        (Some(title), Some(number)) => format!("《{title}》（{number}）"),
        (Some(title), None) => format!("《{title}》"),
        (None, Some(number)) => number.to_string(),
        (None, None) => "—".to_string(),
    }
}

impl DirectiveCard {
    pub fn markdown(&self, english: bool) -> String {
        let dash = "—";
        let mut out = String::new();
        match &self.title {
            Some(title) => out.push_str(&format!("**《{title}》**\n\n")),
            None => out.push_str(if english {
                "**(title unknown)**\n\n"
            } else {
                "**（标题不详）**\n\n"
            }),
        }
        let field = |v: &Option<String>| v.clone().unwrap_or_else(|| dash.to_string());
        if english {
            out.push_str(&format!(
                "Number: {} · Issuer: {} · Date: {} · Kind: {}\n\n",
                field(&self.number),
                field(&self.issuer),
                field(&self.date),
                field(&self.kind)
            ));
        } else {
            out.push_str(&format!(
                "文号：{}　发文机关：{}　日期：{}　文种：{}\n\n",
                field(&self.number),
                field(&self.issuer),
                field(&self.date),
                field(&self.kind)
            ));
        }
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                out.push_str(&format!("> {line}\n"));
            }
            out.push('\n');
        } else if let Some(cited_as) = &self.cited_as {
            out.push_str(if english {
                "Known only from citations:\n\n"
            } else {
                "档案中无原文，仅见于引用：\n\n"
            });
            out.push_str(&format!("> {cited_as}\n\n"));
        }
        if let Some((path, line)) = &self.location {
            out.push_str(&format!("`{path}:{line}`"));
        }
        let cited = if english {
            format!("cited by {} archive documents", self.cited_by)
        } else {
            format!("被 {} 份档案文件引用", self.cited_by)
        };
        if self.location.is_some() {
            out.push_str(" · ");
        }
        out.push_str(&cited);
        out.push('\n');
        out
    }
}
