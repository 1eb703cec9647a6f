//! Completion quality and speed on `../shared/corpus` (skipped with a message when absent).
//! Run with `cargo bench --bench completion`.
//!
//! Quality, leave-one-out: the corpus is indexed and its phrasings mined once. Cut points
//! are taken from a deterministic sample of documents, round-robin across document kinds
//! (at most three per document): an occurrence of a mined phrasing that the *other*
//! documents still use often enough (`phrases.min-documents`), cut after its first 2–4
//! characters. The draft is the document's text up to the cut; the document's own
//! contribution is subtracted from the phrase counts, and completion is asked at the cut.
//!
//! A hit at k: one of the first k phrasing items inserts text that is exactly what the
//! document says from the start of the replaced range, and adds at least two characters to
//! what was typed. A strict hit also reaches the end of the phrasing the cut was taken from.
//!
//! Speed: the time of each `complete` call (the parsed draft and the loaded archive given),
//! for the phrasing cut points and for titles after `《` and 文号 after an issuer code.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark reports on the terminal.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use gongwen::disk::{LoadOptions, WalkOptions, display_path, load_archive_with, read_text, walk};
use gongwen_core::archive::Archive;
use gongwen_core::completion::{CompletionKind, CompletionList, CompletionOptions, complete};
use gongwen_core::document::{Document, Format};
use gongwen_core::phrases::PhraseIndex;

const CUT_POINTS: usize = 600;
const PER_DOCUMENT: usize = 3;
const MIN_DOCUMENTS: u32 = 3;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

struct Cut {
    kind: String,
    /// The whole document; the draft is its text up to `offset`.
    text: String,
    format: Format,
    /// Byte offset of the cut in `text`.
    offset: usize,
    /// Where the phrasing the cut was taken from ends.
    phrase_end: usize,
    doc_id: u32,
}

fn main() {
    let Some((_, corpus)) = common::shared_corpus("completion") else {
        return;
    };
    let started = Instant::now();
    let loaded = load_archive_with(
        std::slice::from_ref(&corpus),
        &WalkOptions::default(),
        LoadOptions {
            phrases: Some(MIN_DOCUMENTS),
            ..LoadOptions::default()
        },
        &|_, _| {},
    )
    .expect("load");
    let archive = loaded.archive;
    let index = loaded.phrases.expect("mined");
    println!(
        "completion benchmark: {} ({} documents, {} phrasings with phrases.min-documents = {MIN_DOCUMENTS}), loaded and mined in {:.1} s",
        corpus.display(),
        archive.docs.len(),
        index.len(),
        started.elapsed().as_secs_f64()
    );

    let cuts = cut_points(&corpus, &archive, &index);
    quality(&cuts, &archive, &index);
    speed(&cuts, &archive, &index);
}

/// The kind a document counts under in the sample.
fn kind_name(archive: &Archive, id: u32) -> String {
    archive
        .doc(id)
        .meta
        .kind
        .as_ref()
        .map_or("(none)".to_string(), |k| k.value.name().to_string())
}

fn cut_points(corpus: &PathBuf, archive: &Archive, index: &PhraseIndex) -> Vec<Cut> {
    let (files, _) = walk(std::slice::from_ref(corpus), &WalkOptions::default()).expect("walk");
    let path_of: BTreeMap<String, PathBuf> = files
        .into_iter()
        .map(|f| (display_path(&f.path), f.path))
        .collect();
    // Documents by kind, each group in a fixed pseudo-random order.
    let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for id in 0..archive.docs.len() as u32 {
        groups.entry(kind_name(archive, id)).or_default().push(id);
    }
    for ids in groups.values_mut() {
        ids.sort_by_key(|&id| fnv(archive.doc(id).path.as_bytes()));
    }
    let mut cursors: BTreeMap<String, usize> = groups.keys().map(|k| (k.clone(), 0)).collect();
    let mut cuts = Vec::new();
    while cuts.len() < CUT_POINTS {
        let mut progressed = false;
        for (kind, ids) in &groups {
            let at = cursors.get_mut(kind).expect("cursor");
            // Next document of this kind that gives a cut point.
            while *at < ids.len() {
                let id = ids[*at];
                *at += 1;
                let found = document_cuts(&path_of, archive, index, id);
                if !found.is_empty() {
                    cuts.extend(found);
                    progressed = true;
                    break;
                }
            }
            if cuts.len() >= CUT_POINTS {
                break;
            }
        }
        if !progressed {
            break;
        }
    }
    cuts
}

fn document_cuts(
    path_of: &BTreeMap<String, PathBuf>,
    archive: &Archive,
    index: &PhraseIndex,
    id: u32,
) -> Vec<Cut> {
    let path = &archive.doc(id).path;
    let Some(file) = path_of.get(path) else {
        return Vec::new();
    };
    let Ok(text) = read_text(file) else {
        return Vec::new();
    };
    let doc = Document::parse(text.decoded.text, Format::from_path(path));
    let mut occurrences: Vec<(usize, gongwen_core::text::TextRange)> = index
        .occurrences(&doc)
        .into_iter()
        .filter(|(p, range)| {
            let phrase = &index.phrases()[*p];
            // Still recurring once this document is left out, and long enough to cut.
            phrase.documents > MIN_DOCUMENTS && doc.text[range.range()].chars().count() >= 4
        })
        .collect();
    occurrences.sort_by_key(|(_, r)| fnv(format!("{path}{}", r.start).as_bytes()));
    let mut taken: Vec<gongwen_core::text::TextRange> = Vec::new();
    let mut out = Vec::new();
    for (_, range) in occurrences {
        if out.len() == PER_DOCUMENT {
            break;
        }
        if taken.iter().any(|t| t.intersects(range)) {
            continue;
        }
        let chars: Vec<(usize, char)> = doc.text[range.range()].char_indices().collect();
        let typed = 2 + (fnv(format!("{path}#{}", range.start).as_bytes()) % 3) as usize;
        let typed = typed.min(chars.len() - 2);
        let offset = range.start() + chars[typed].0;
        taken.push(range);
        out.push(Cut {
            kind: kind_name(archive, id),
            text: doc.text.clone(),
            format: doc.format,
            offset,
            phrase_end: range.end(),
            doc_id: id,
        });
    }
    out
}

/// The first k phrasing items, with whether each is a hit and a strict hit.
fn judge(cut: &Cut, list: &CompletionList) -> Vec<(bool, bool)> {
    list.items
        .iter()
        .filter(|i| i.kind == CompletionKind::Phrase)
        .map(|item| {
            let start = item.edit.range.start();
            let new = &item.edit.text;
            let matches = cut.text[start..].starts_with(new.as_str());
            let typed = cut.text[start..cut.offset].chars().count();
            let adds = new.chars().count() >= typed + 2;
            let hit = matches && adds;
            (hit, hit && start + new.len() >= cut.phrase_end)
        })
        .collect()
}

fn ask(cut: &Cut, archive: &Archive, index: &PhraseIndex) -> (CompletionList, f64) {
    let draft = Document::parse(cut.text[..cut.offset].to_string(), cut.format);
    let full = Document::parse(cut.text.clone(), cut.format);
    let contribution = index.contribution(&full);
    let options = CompletionOptions {
        exclude_doc: Some(cut.doc_id),
        exclude_phrases: Some(&contribution),
        ..CompletionOptions::default()
    };
    let started = Instant::now();
    let list = complete(&draft, cut.offset, Some(archive), Some(index), &options);
    (list, started.elapsed().as_secs_f64() * 1e3)
}

fn quality(cuts: &[Cut], archive: &Archive, index: &PhraseIndex) {
    let mut by_kind: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
    let mut totals = [0usize; 5];
    for cut in cuts {
        let (list, _) = ask(cut, archive, index);
        let judged = judge(cut, &list);
        let hit = |k: usize, strict: bool| {
            judged
                .iter()
                .take(k)
                .any(|&(h, s)| if strict { s } else { h }) as usize
        };
        let row = [1, hit(1, false), hit(5, false), hit(1, true), hit(5, true)];
        let entry = by_kind.entry(&cut.kind).or_default();
        for i in 0..5 {
            entry[i] += row[i];
            totals[i] += row[i];
        }
    }
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    println!();
    println!("quality (leave-one-out): {} cut points", totals[0]);
    println!(
        "  cut point: an occurrence of a mined phrasing that at least {MIN_DOCUMENTS} other documents use,"
    );
    println!(
        "             cut after its first 2-4 characters; the draft is the document up to the cut,"
    );
    println!("             the document's own uses subtracted from the counts");
    println!(
        "  hit@k:     one of the first k phrasing items inserts exactly what the document says next"
    );
    println!("             (from the start of its range) and adds at least two characters");
    println!("  strict:    the hit also reaches the end of the phrasing the cut came from");
    println!(
        "  {:<8} {:>6} {:>8} {:>8} {:>10} {:>10}",
        "kind", "cuts", "hit@1", "hit@5", "strict@1", "strict@5"
    );
    for (kind, row) in &by_kind {
        println!(
            "  {:<8} {:>6} {:>7.1}% {:>7.1}% {:>9.1}% {:>9.1}%",
            kind,
            row[0],
            pct(row[1], row[0]),
            pct(row[2], row[0]),
            pct(row[3], row[0]),
            pct(row[4], row[0])
        );
    }
    println!(
        "  {:<8} {:>6} {:>7.1}% {:>7.1}% {:>9.1}% {:>9.1}%   (goal: hit@5 ≥ 60%)",
        "all",
        totals[0],
        pct(totals[1], totals[0]),
        pct(totals[2], totals[0]),
        pct(totals[3], totals[0]),
        pct(totals[4], totals[0])
    );
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(f64::total_cmp);
    let at = ((times.len() as f64 - 1.0) * p).round() as usize;
    times.get(at).copied().unwrap_or(0.0)
}

fn speed(cuts: &[Cut], archive: &Archive, index: &PhraseIndex) {
    println!();
    println!("speed: one `complete` call, the whole corpus as archive and phrase index");
    let mut phrasing: Vec<f64> = cuts.iter().map(|c| ask(c, archive, index).1).collect();
    // Titles after 《 and 文号 after an issuer code, typed from real titles and numbers.
    let mut titles = Vec::new();
    let mut numbers = Vec::new();
    let options = CompletionOptions::default();
    let step = |n: usize| (n / 300).max(1);
    let titled: Vec<_> = archive
        .directives
        .iter()
        .filter(|d| !d.titles.is_empty())
        .collect();
    for (i, directive) in titled
        .iter()
        .enumerate()
        .step_by(step(titled.len()))
        .take(300)
    {
        let typed: String = directive.titles[0].display.chars().take(i % 5).collect();
        let draft = Document::parse(format!("根据《{typed}"), Format::Plain);
        let started = Instant::now();
        let _ = complete(
            &draft,
            draft.text.len(),
            Some(archive),
            Some(index),
            &options,
        );
        titles.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let numbered: Vec<_> = archive
        .directives
        .iter()
        .filter_map(|d| d.number.as_ref())
        .filter(|n| !n.is_order())
        .collect();
    for (i, number) in numbered
        .iter()
        .enumerate()
        .step_by(step(numbered.len()))
        .take(300)
    {
        let bracket = if i % 2 == 0 { "〔" } else { "" };
        let draft = Document::parse(format!("根据{}{bracket}", number.code), Format::Plain);
        let started = Instant::now();
        let _ = complete(
            &draft,
            draft.text.len(),
            Some(archive),
            Some(index),
            &options,
        );
        numbers.push(started.elapsed().as_secs_f64() * 1e3);
    }
    for (name, times) in [
        ("phrasings", &mut phrasing),
        ("titles after 《", &mut titles),
        ("文号 after a code", &mut numbers),
    ] {
        let n = times.len();
        println!(
            "  {:<18} {:>5} calls  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
            name,
            n,
            percentile(times, 0.5),
            percentile(times, 0.99),
            percentile(times, 1.0)
        );
    }
    println!("  goal: p99 under 10 ms");
}
