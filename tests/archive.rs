//! The document model and the archive index on real documents: the seeds, the sample
//! archive under `examples/`, and the corpus beside the repository.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gongwen::disk::{self, WalkOptions, load_archive, read_text};
use gongwen_core::archive::{Archive, Knowledge, MatchKind};
use gongwen_core::doc_number::DocNumber;
use gongwen_core::document::{Document, Format, LineClass, Source};
use gongwen_core::kind::DocKind;
use gongwen_core::normalize::key;

fn parse(path: &Path) -> Document {
    let text = read_text(path).expect("readable").decoded.text;
    Document::parse(text, Format::from_path(&path.to_string_lossy()))
}

fn load(root: &Path) -> Archive {
    load_archive(&[root.to_path_buf()], &WalkOptions::default(), &|_, _| {})
        .expect("load")
        .archive
}

fn value<T: Clone>(field: &Option<gongwen_core::document::Field<T>>) -> Option<(T, Source)> {
    field.as_ref().map(|f| (f.value.clone(), f.source))
}

#[test]
fn seed_000_news_wrapper() {
    let Some(shared) = common::shared("seed_000_news_wrapper") else {
        return;
    };
    let doc = parse(&common::seed(&shared, "000"));
    let meta = &doc.meta;
    assert_eq!(
        value(&meta.title),
        Some((
            "保持共产党员先进性 把学习培训工作引向深入".to_string(),
            Source::NewsWrapper
        ))
    );
    assert_eq!(meta.date.as_ref().unwrap().value.iso(), "2024-02-17");
    assert_eq!(meta.publisher.as_ref().unwrap().value, "湖南日报");
    assert_eq!(
        meta.issuer.as_ref().unwrap().value,
        "中央保持共产党员先进性教育活动领导小组"
    );
    assert_eq!(
        value(&meta.kind),
        Some((DocKind::Notice, Source::NewsWrapper))
    );
    let numbers: Vec<String> = doc
        .doc_numbers
        .iter()
        .map(|n| n.found.number.to_string())
        .collect();
    assert_eq!(numbers, ["先组发〔2024〕3号", "中发〔2024〕20号"]);
    let cited = &doc.citations[0];
    assert_eq!(
        cited.title,
        "关于做好第一批先进性教育活动学习动员阶段工作的通知"
    );
    assert_eq!(cited.doc_number, Some(0));
    let levels: Vec<(u8, u32)> = doc.headings.iter().map(|h| (h.level, h.number)).collect();
    assert_eq!(levels, [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]);
}

#[test]
fn seed_001_tags() {
    let Some(shared) = common::shared("seed_001_tags") else {
        return;
    };
    let doc = parse(&common::seed(&shared, "001"));
    let meta = &doc.meta;
    assert_eq!(meta.title.as_ref().unwrap().source, Source::Tag);
    assert!(meta.title.as_ref().unwrap().value.ends_with("指导意见"));
    assert_eq!(meta.date.as_ref().unwrap().value.iso(), "2005-06-28");
    assert_eq!(value(&meta.kind), Some((DocKind::News, Source::Tag)));
    let tag_lines = doc.classes.iter().filter(|c| **c == LineClass::Tag).count();
    assert_eq!(tag_lines, 10);
    assert_eq!(
        doc.doc_numbers.len(),
        4,
        "中发[2004]20号 on lines 13, 18, 28, 41"
    );
    assert!(
        doc.doc_numbers
            .iter()
            .all(|n| n.found.number.to_string() == "中发〔2004〕20号")
    );
    let third: Vec<usize> = doc
        .headings
        .iter()
        .filter(|h| h.level == 3)
        .map(|h| h.line + 1)
        .collect();
    assert_eq!(third, (19..=26).chain(29..=35).collect::<Vec<_>>());
}

#[test]
fn seed_002_speech_and_furniture() {
    let Some(shared) = common::shared("seed_002_speech_and_furniture") else {
        return;
    };
    let doc = parse(&common::seed(&shared, "002"));
    assert_eq!(doc.meta.kind.as_ref().unwrap().value, DocKind::Speech);
    assert_eq!(doc.meta.addressee.as_ref().unwrap().value, "同志们");
    let junk: Vec<usize> = (0..doc.classes.len())
        .filter(|&l| doc.classes[l] == LineClass::Junk)
        .map(|l| l + 1)
        .collect();
    assert_eq!(junk, [24, 25]);
    // The misplaced line breaks of lines 9 and 22 read as level-1 headings.
    let first_level: Vec<usize> = doc
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| h.line + 1)
        .collect();
    assert_eq!(first_level, [3, 9, 11, 17, 22]);
}

#[test]
fn seed_003_traditional_with_pinyin_residue() {
    let Some(shared) = common::shared("seed_003_traditional_with_pinyin_residue") else {
        return;
    };
    let doc = parse(&common::seed(&shared, "003"));
    assert_eq!(doc.shadow.residues.len(), 105);
    let numbers: Vec<(String, String)> = doc
        .doc_numbers
        .iter()
        .map(|n| {
            (
                n.found.number.to_string(),
                doc.text[n.found.range.range()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            (
                "中发〔2004〕20号".to_string(),
                "中發(fā)[2004]20號".to_string()
            ),
            (
                "先组发〔2005〕13号".to_string(),
                "先組發(fā)[2005]13號".to_string()
            ),
        ]
    );
    let nested = doc
        .citations
        .iter()
        .find(|c| c.doc_number.is_some())
        .unwrap();
    assert_eq!(
        nested.key,
        key(
            "关于印发〈如何对不履行党员义务、不具备党员条件的党员进行教育帮助和组织处理〉等三个工作问答的通知"
        )
    );
    // The title wrapped over lines 2-3 is one citation, carried by the news item.
    assert!(
        doc.meta
            .carried_title
            .as_ref()
            .unwrap()
            .value
            .ends_with("“回头看”的通知")
    );
    assert_eq!(
        doc.meta.issuer.as_ref().unwrap().value,
        "中央保持共产党员先进性教育活动领导小组"
    );
}

#[test]
fn seed_004_report_with_back_references() {
    let Some(shared) = common::shared("seed_004_report_with_back_references") else {
        return;
    };
    let doc = parse(&common::seed(&shared, "004"));
    assert_eq!(
        value(&doc.meta.title),
        Some((
            "梅州市先进性教育活动学习培训情况汇报".to_string(),
            Source::Header
        ))
    );
    assert_eq!(doc.meta.kind.as_ref().unwrap().value, DocKind::WorkReport);
    assert_eq!(
        doc.meta.addressee.as_ref().unwrap().value,
        "省委先进办、省委督导组"
    );
    let backrefs: Vec<Option<usize>> = doc
        .citations
        .iter()
        .filter(|c| c.is_back_reference)
        .map(|c| c.refers_to)
        .collect();
    assert_eq!(backrefs.len(), 6);
    assert!(backrefs.iter().all(|r| *r == Some(0)));
    assert!(
        doc.citations
            .iter()
            .any(|c| c.title == "经受考验、磨练意志、树立形象"),
        "〈〈…〉〉 is read as a title"
    );
}

#[test]
fn seeds_as_archive_teach_title_and_number_pairs() {
    let Some(shared) = common::shared("seeds_as_archive_teach_title_and_number_pairs") else {
        return;
    };
    let archive = load(&shared.join("seeds"));
    let pairs = [
        (
            "中发〔2004〕20号",
            "中共中央关于在全党开展以实践“三个代表”重要思想为主要内容的保持共产党员先进性教育活动的意见",
        ),
        (
            "先组发〔2005〕13号",
            "关于印发〈如何对不履行党员义务、不具备党员条件的党员进行教育帮助和组织处理〉等三个工作问答的通知",
        ),
    ];
    for (number, title) in pairs {
        let by_number = archive.lookup(number, 5);
        assert_eq!(
            archive.display_title(by_number[0].directive).map(key),
            Some(key(title)),
            "{number}"
        );
        assert!(
            archive.directive(by_number[0].directive).docs.is_empty(),
            "known only from citations"
        );
        let by_title = archive.lookup(&format!("《{title}》"), 5);
        assert_eq!(
            archive
                .directive(by_title[0].directive)
                .number
                .as_ref()
                .unwrap()
                .to_string(),
            number
        );
        // Any form of the number gives the same directive.
        let traditional = number
            .replace('发', "發")
            .replace('号', "號")
            .replace('〔', "[")
            .replace('〕', "]");
        assert_eq!(
            archive.lookup(&traditional, 1)[0].directive,
            by_number[0].directive
        );
    }
    assert!(matches!(
        archive.number_knowledge(&DocNumber::parse("中发〔2004〕20号").unwrap(), None),
        Knowledge::Known(_)
    ));
}

#[test]
fn a_notice_inside_a_news_item_is_found_by_content() {
    let Some(shared) = common::shared("a_notice_inside_a_news_item_is_found_by_content") else {
        return;
    };
    let archive = load(&shared.join("seeds"));
    let found = archive.lookup("《关于把先进性教育活动学习培训工作引向深入的通知》", 5);
    let content = found
        .iter()
        .find(|m| m.kind == MatchKind::Content)
        .expect("a content match");
    let path = &archive.doc(content.doc.unwrap()).path;
    assert!(path.contains("000_"), "{path}");
    assert!(
        content.score > 0.7 && content.score < 1.0,
        "{}",
        content.score
    );
}

fn corpus(shared: &Path) -> PathBuf {
    shared.join("corpus")
}

/// Front-matter values of a govcn document: (title, doc_number).
fn front_matter(text: &str) -> HashMap<String, String> {
    text.lines()
        .skip(1)
        .take_while(|l| *l != "---")
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

#[test]
fn every_govcn_front_matter_number_resolves_to_its_own_file() {
    let Some(shared) = common::shared("every_govcn_front_matter_number_resolves_to_its_own_file")
    else {
        return;
    };
    let archive = load(&corpus(&shared));
    let dir = corpus(&shared).join("govcn-statecouncil-2019");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let fm = front_matter(&std::fs::read_to_string(&path).unwrap());
        let number = &fm["doc_number"];
        let found = archive.lookup(number, 3);
        let best = archive.doc(found[0].doc.expect("a document")).path.clone();
        assert!(
            best.ends_with(&*path.file_name().unwrap().to_string_lossy()),
            "{number} → {best}"
        );
        assert_eq!(found[0].score, 1.0);
        checked += 1;
    }
    assert_eq!(checked, 60);
}

#[test]
fn every_citation_pair_of_the_corpus_resolves() {
    let Some(shared) = common::shared("every_citation_pair_of_the_corpus_resolves") else {
        return;
    };
    let archive = load(&corpus(&shared));
    let pairs = std::fs::read_to_string(corpus(&shared).join("citation_pairs.tsv")).unwrap();
    let mut checked = 0;
    for line in pairs.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (title, number) = (cols[2], cols[3]);
        let by_number = archive.lookup(number, 5);
        assert!(!by_number.is_empty(), "{number} not found");
        let titles: Vec<String> = by_number
            .iter()
            .flat_map(|m| {
                archive
                    .directive(m.directive)
                    .titles
                    .iter()
                    .map(|t| t.key.clone())
            })
            .collect();
        assert!(
            titles.contains(&key(title)),
            "{number}: {title} not among {titles:?}"
        );
        let by_title = archive.lookup(&format!("《{title}》"), 5);
        let wanted = DocNumber::parse(number).unwrap();
        assert!(
            by_title.iter().any(|m| archive
                .directive(m.directive)
                .number
                .as_ref()
                .is_some_and(|n| n.same_document(&wanted))),
            "{title} does not give {number}"
        );
        checked += 1;
    }
    assert_eq!(checked, 82);
}

#[test]
fn the_header_agrees_with_the_front_matter() {
    let Some(shared) = common::shared("the_header_agrees_with_the_front_matter") else {
        return;
    };
    let dir = corpus(&shared).join("govcn-statecouncil-2019");
    let (mut titles, mut numbers, mut dates, mut total) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let fm = front_matter(&text);
        // The same document without its front matter: the 版头 alone must tell.
        let body = text.splitn(3, "---\n").nth(2).unwrap().to_string();
        let doc = Document::parse(body, Format::Plain);
        total += 1;
        if doc
            .meta
            .title
            .as_ref()
            .is_some_and(|t| key(&t.value) == key(&fm["title"]))
        {
            titles += 1;
        } else {
            misses.push(format!(
                "{}: title {:?}",
                path.display(),
                doc.meta.title.as_ref().map(|t| &t.value)
            ));
        }
        if doc
            .meta
            .doc_number
            .as_ref()
            .is_some_and(|n| n.value == DocNumber::parse(&fm["doc_number"]).unwrap())
        {
            numbers += 1;
        }
        let written = gongwen_core::date::Date::parse(&fm["written_date"]);
        if doc.meta.date.as_ref().map(|d| d.value) == written {
            dates += 1;
        }
    }
    assert_eq!(total, 60);
    assert!(titles >= 59, "titles {titles}/60: {misses:?}");
    assert_eq!(numbers, 60);
    assert!(dates >= 56, "dates {dates}/60");
}

#[test]
fn the_sample_archive_covers_every_special_form() {
    let archive_dir = common::root().join("examples/archive");
    let (files, skipped) =
        disk::walk(std::slice::from_ref(&archive_dir), &WalkOptions::default()).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert!(files.len() >= 12);
    let mut with_number = 0;
    let (mut gb18030, mut traditional, mut front_matter, mut tagged, mut crlf) =
        (false, false, false, false, false);
    for file in &files {
        let decoded = read_text(&file.path).unwrap().decoded;
        gb18030 |= decoded.encoding == disk::TextEncoding::Gb18030;
        crlf |= decoded.text.contains("\r\n");
        traditional |= gongwen_core::normalize::has_traditional(&decoded.text);
        let doc = Document::parse(
            decoded.text,
            Format::from_path(&file.path.to_string_lossy()),
        );
        front_matter |= doc
            .meta
            .title
            .as_ref()
            .is_some_and(|t| t.source == Source::FrontMatter);
        tagged |= doc
            .meta
            .title
            .as_ref()
            .is_some_and(|t| t.source == Source::Tag);
        with_number += doc.meta.doc_number.is_some() as usize;
        assert!(doc.meta.title.is_some(), "{}", file.path.display());
    }
    assert!(gb18030 && traditional && front_matter && tagged && crlf);
    assert!(with_number >= 12, "{with_number}");
    let archive = load(&archive_dir);
    let stats = archive.stats();
    assert!(stats.citations >= 10);
    // A GB18030 document is found like any other.
    let found = archive.lookup("江农发〔2023〕18号", 1);
    assert!(archive.doc(found[0].doc.unwrap()).path.contains("gb18030"));
    // The Traditional reprint is found with a Simplified query.
    let found = archive.lookup("江政办发〔2023〕28号", 1);
    assert!(
        archive
            .doc(found[0].doc.unwrap())
            .path
            .contains("traditional")
    );
}

#[test]
fn titles_match_without_guanyu_without_issuer_and_in_traditional() {
    let archive = load(&common::root().join("examples/archive"));
    for query in [
        "江川省人民政府办公厅加快推进数字政府建设的实施意见",
        "加快推进数字政府建设的实施意见",
        "關於加快推進數字政府建設的實施意見",
        "《江川省人民政府办公厅关于加快推进数字政府建设的实施意见》",
    ] {
        let found = archive.lookup(query, 3);
        let best = found.first().unwrap_or_else(|| panic!("{query}: nothing"));
        assert_eq!(
            archive
                .directive(best.directive)
                .number
                .as_ref()
                .unwrap()
                .to_string(),
            "江政办发〔2023〕12号",
            "{query}"
        );
        assert!(best.score >= 0.85, "{query}: {}", best.score);
    }
}
