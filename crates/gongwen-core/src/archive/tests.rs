use super::*;
use crate::document::{Document, Format};

fn archive(files: &[(&str, &str)]) -> Archive {
    Archive::build(
        files
            .iter()
            .map(|(path, text)| {
                DocSummary::new(
                    path.to_string(),
                    &Document::parse(text.to_string(), Format::from_path(path)),
                )
            })
            .collect(),
    )
}

fn number(s: &str) -> DocNumber {
    DocNumber::parse(s).expect("a doc number")
}

const NOTICE: &str = "江川省人民政府办公厅文件\n\n江政办发〔2023〕12号\n\n江川省人民政府办公厅关于加快数字政府建设的通知\n\n各市人民政府，省政府各部门：\n\n现就有关事项通知如下：\n一、总体要求\n按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。\n\n江川省人民政府办公厅\n2023年5月8日\n";
const OPINION: &str = "清河市人民政府文件\n\n清政发〔2023〕30号\n\n清河市人民政府关于贯彻落实数字政府建设工作的意见\n\n各县（区）人民政府：\n\n为贯彻落实《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发〔2023〕12号）和《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号），结合实际，提出如下意见。\n再次强调省政府《通知》精神。\n\n清河市人民政府\n2023年6月1日\n";
const CONFLICT: &str = "云泽市人民政府文件\n\n云政发〔2023〕8号\n\n云泽市人民政府关于推进数字政府的通知\n\n各县人民政府：\n\n根据《国务院关于加强数字政府建设的指导意见》（国发〔2022〕41号）要求，现通知如下。\n\n云泽市人民政府\n2023年7月1日\n";

#[test]
fn a_document_is_found_by_its_number_in_any_form() {
    let archive = archive(&[("a/notice.txt", NOTICE), ("a/opinion.txt", OPINION)]);
    let found = archive.lookup("江政辦發[2023]１２號", 5);
    assert_eq!(found[0].score, 1.0);
    assert_eq!(archive.doc(found[0].doc.unwrap()).path, "a/notice.txt");
    assert_eq!(found[0].kind, MatchKind::Number);
}

#[test]
fn citations_teach_directives_that_are_not_in_the_archive() {
    let archive = archive(&[("a/notice.txt", NOTICE), ("a/opinion.txt", OPINION)]);
    let found = archive.lookup("国发〔2022〕14号", 5);
    assert_eq!(found.len(), 1);
    let directive = archive.directive(found[0].directive);
    assert!(directive.docs.is_empty());
    assert_eq!(
        directive.titles[0].display,
        "国务院关于加强数字政府建设的指导意见"
    );
    assert_eq!(directive.titles[0].paired.len(), 2);
    assert_eq!(directive.cites.len(), 2);
    assert_eq!(
        archive.number_knowledge(&number("国发〔2022〕14号"), None),
        Knowledge::Known(found[0].directive)
    );
}

#[test]
fn conflicting_pairs_are_kept_with_their_counts() {
    let archive = archive(&[
        ("a/notice.txt", NOTICE),
        ("a/opinion.txt", OPINION),
        ("a/conflict.txt", CONFLICT),
    ]);
    let title = key("国务院关于加强数字政府建设的指导意见");
    let mut numbers: Vec<(String, usize)> = archive
        .numbers_for_title(&title, None)
        .into_iter()
        .map(|(_, n, c)| (n.to_string(), c))
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        [
            ("国发〔2022〕14号".to_string(), 2),
            ("国发〔2022〕41号".to_string(), 1)
        ]
    );
    let found = archive.lookup("《国务院关于加强数字政府建设的指导意见》", 5);
    assert_eq!(found.len(), 2);
    assert!(found[0].score > found[1].score, "{found:?}");
    assert_eq!(
        archive
            .directive(found[0].directive)
            .number
            .as_ref()
            .unwrap()
            .to_string(),
        "国发〔2022〕14号"
    );
}

#[test]
fn evidence_from_an_excluded_document_does_not_count() {
    let archive = archive(&[("a/notice.txt", NOTICE), ("a/conflict.txt", CONFLICT)]);
    let conflict = archive.doc_by_path("a/conflict.txt");
    assert!(matches!(
        archive.number_knowledge(&number("国发〔2022〕41号"), None),
        Knowledge::Known(_)
    ));
    assert_eq!(
        archive.number_knowledge(&number("国发〔2022〕41号"), conflict),
        Knowledge::Unknown
    );
    assert!(matches!(
        archive.number_knowledge(&number("国发〔2022〕14号"), conflict),
        Knowledge::Known(_)
    ));
}

#[test]
fn back_references_count_as_citations_of_the_full_title() {
    let archive = archive(&[("a/notice.txt", NOTICE), ("a/opinion.txt", OPINION)]);
    let notice = archive.docs[0].directive;
    let opinion = archive.doc_by_path("a/opinion.txt").unwrap();
    let citing_lines: Vec<u32> = archive
        .directive(notice)
        .cites
        .iter()
        .map(|&c| archive.cite(c))
        .filter(|c| c.doc == opinion)
        .map(|c| c.position.line)
        .collect();
    assert_eq!(
        citing_lines.len(),
        2,
        "the full citation and `省政府《通知》`"
    );
}

#[test]
fn near_variants_of_a_known_number() {
    let archive = archive(&[("a/notice.txt", NOTICE)]);
    let variants: Vec<String> = archive
        .number_variants(&number("江政办发〔2024〕12号"), None)
        .into_iter()
        .map(|(_, n)| n.to_string())
        .collect();
    assert_eq!(variants, ["江政办发〔2023〕12号"]);
    let variants = archive.number_variants(&number("江政办发〔2023〕13号"), None);
    assert_eq!(variants.len(), 1);
    assert!(
        archive
            .number_variants(&number("江政办发〔2023〕112号"), None)
            .is_empty()
    );
    let found = archive.lookup("江政办发〔2024〕12号", 5);
    assert_eq!(found[0].kind, MatchKind::NumberVariant);
}

#[test]
fn titles_match_without_issuer_and_with_typos() {
    let archive = archive(&[("a/notice.txt", NOTICE)]);
    let found = archive.lookup("关于加快数字政府建设的通知", 5);
    assert_eq!(found[0].kind, MatchKind::TitleCore);
    assert!(found[0].score > 0.8);
    let found = archive.lookup("《江川省人民政府办公厅关于加快数字政府建没的通知》", 5);
    assert_eq!(found[0].kind, MatchKind::TitleFuzzy);
    assert_eq!(archive.doc(found[0].doc.unwrap()).path, "a/notice.txt");
    assert!(archive.lookup("完全无关的内容", 5).is_empty());
}

#[test]
fn own_number_and_header_are_not_citations() {
    let archive = archive(&[("a/notice.txt", NOTICE)]);
    let doc = &archive.docs[0];
    assert_eq!(doc.cites.len(), 1);
    assert_eq!(
        archive
            .cite(doc.cites[0])
            .number
            .as_ref()
            .unwrap()
            .to_string(),
        "国发〔2022〕14号"
    );
    assert!(doc.excerpt.starts_with("现就有关事项通知如下"));
}

#[test]
fn summaries_rebuild_the_same_index_and_one_file_can_be_swapped() {
    let original = archive(&[("a/notice.txt", NOTICE), ("a/opinion.txt", OPINION)]);
    let rebuilt = Archive::build(original.summaries());
    assert_eq!(rebuilt.stats(), original.stats());
    assert_eq!(
        rebuilt.cites.iter().map(|c| c.position).collect::<Vec<_>>(),
        original
            .cites
            .iter()
            .map(|c| c.position)
            .collect::<Vec<_>>()
    );
    let mut summaries = original.summaries();
    summaries.retain(|s| s.path != "a/opinion.txt");
    summaries.push(DocSummary::new(
        "a/conflict.txt".to_string(),
        &Document::parse(CONFLICT.to_string(), Format::Plain),
    ));
    let swapped = Archive::build(summaries);
    assert!(swapped.doc_by_path("a/opinion.txt").is_none());
    assert!(swapped.doc_by_path("a/conflict.txt").is_some());
    assert_eq!(swapped.docs.len(), 2);
}

#[test]
fn positions_carry_byte_columns() {
    let archive = archive(&[(
        "a/x.txt",
        "标题\n\n𠀀按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求。\n",
    )]);
    let cite = &archive.cites[0];
    assert_eq!(cite.position.start_char, 3);
    assert_eq!(cite.position.start_utf16, 4);
    assert_eq!(cite.position.start_byte, 10);
}

#[test]
fn a_news_lead_citation_above_the_carried_header_counts() {
    let news = "〖BT/标题〗省安委会部署开展城镇燃气安全专项整治〖-BT/标题〗\n〖ZW/正文〗\n    江川日报云泽5月11日电 江川省安全生产委员会日前印发《关于开展城镇燃气安全专项整治的通知》（江安委〔2023〕14号），决定在全省开展整治。\n    各设区的市人民政府，省安全生产委员会各成员单位：\n    近期，省外接连发生多起燃气爆炸事故，教训十分深刻。\n〖-ZW/正文〗\n";
    let archive = archive(&[("a/news.txt", news)]);
    assert!(matches!(
        archive.number_knowledge(&number("江安委〔2023〕14号"), None),
        Knowledge::Known(_)
    ));
    let news_doc = archive.doc_by_path("a/news.txt");
    assert_eq!(
        archive.number_knowledge(&number("江安委〔2023〕14号"), news_doc),
        Knowledge::Unknown
    );
}

#[test]
fn similar_titles_are_found_by_their_rare_words() {
    let laws: Vec<(String, String)> = (0..900)
        .map(|i| {
            (
                format!("law/{i}.md"),
                format!("---\ntitle: 中华人民共和国第{i}号示例法\n---\n正文。\n"),
            )
        })
        .chain([(
            "law/xuke.md".to_string(),
            "---\ntitle: 中华人民共和国行政许可法\n---\n正文。\n".to_string(),
        )])
        .collect();
    let files: Vec<(&str, &str)> = laws.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let archive = archive(&files);
    let found: Vec<&str> = archive
        .similar_titles("中华人民共和国行政许可发", 5)
        .into_iter()
        .map(|(_, entry)| entry.key.as_str())
        .collect();
    assert_eq!(found.first(), Some(&"中华人民共和国行政许可法"));
    assert!(archive.title_has_pair('许', '可'));
    assert!(!archive.title_has_pair('可', '发'));
}
