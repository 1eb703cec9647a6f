//! Editor queries on small in-memory archives. `$0` in a draft marks the cursor.

use expect_test::expect;

use crate::archive::{Archive, DocSummary};
use crate::document::{Document, Format};
use crate::ide::definition::definition;
use crate::ide::hover::{Card, hover};
use crate::ide::inlay::inlay_hints;
use crate::ide::links::links;
use crate::ide::references::{OpenDoc, Reference, references};
use crate::ide::symbols::workspace_symbols;
use crate::text::TextRange;

const NOTICE: &str = "江川省人民政府办公厅文件\n\n江政办发〔2023〕12号\n\n江川省人民政府办公厅关于加快数字政府建设的通知\n\n各市人民政府，省政府各部门：\n\n现就有关事项通知如下：\n一、总体要求\n按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。\n\n江川省人民政府办公厅\n2023年5月8日\n";
const OPINION: &str = "清河市人民政府文件\n\n清政发〔2023〕30号\n\n清河市人民政府关于贯彻落实数字政府建设工作的意见\n\n各县（区）人民政府：\n\n为贯彻落实《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发〔2023〕12号）和《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号），结合实际，提出如下意见。\n再次强调省政府《通知》精神。\n\n清河市人民政府\n2023年6月1日\n";
const DRAFT: &str = "按照《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）要求，落实省政府《通知》精神。\n根据国发〔2022〕14号文件，参照《关于加快数字政府建设的通知书》执行。\n";

fn parse(path: &str, text: &str) -> Document {
    Document::parse(text.to_string(), Format::from_path(path))
}

fn archive(files: &[(&str, &str)]) -> Archive {
    Archive::build(
        files
            .iter()
            .map(|(path, text)| DocSummary::new(path.to_string(), &parse(path, text)))
            .collect(),
    )
}

fn sample() -> Archive {
    archive(&[("a/notice.txt", NOTICE), ("a/opinion.txt", OPINION)])
}

/// The draft without its `$0` and the cursor's byte offset.
fn cursor(marked: &str) -> (Document, usize) {
    let offset = marked.find("$0").expect("a $0 cursor");
    (parse("draft.txt", &marked.replace("$0", "")), offset)
}

fn marked(needle: &str) -> String {
    let at = DRAFT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the draft"));
    format!("{}$0{}", &DRAFT[..at], &DRAFT[at..])
}

fn text_of(doc: &Document, range: TextRange) -> &str {
    &doc.text[range.range()]
}

#[test]
fn hover_on_a_title_shows_the_archive_document() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("江川省人民政府办公厅关于"));
    let hover = hover(&doc, Some(&archive), None, offset).unwrap();
    assert_eq!(
        text_of(&doc, hover.range),
        "《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）"
    );
    expect![[r#"
        **《江川省人民政府办公厅关于加快数字政府建设的通知》**

        文号：江政办发〔2023〕12号　发文机关：江川省人民政府办公厅　日期：2023-05-08　文种：通知

        > 现就有关事项通知如下：
        > 一、总体要求
        > 按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。
        > 江川省人民政府办公厅
        > 2023年5月8日

        `a/notice.txt:5` · 被 1 份档案文件引用
    "#]]
    .assert_eq(&hover.markdown(false));
    let Card::Known(card) = &hover.card else {
        panic!("known")
    };
    expect![[r#"
        **《江川省人民政府办公厅关于加快数字政府建设的通知》**

        Number: 江政办发〔2023〕12号 · Issuer: 江川省人民政府办公厅 · Date: 2023-05-08 · Kind: 通知

        > 现就有关事项通知如下：
        > 一、总体要求
        > 按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。
        > 江川省人民政府办公厅
        > 2023年5月8日

        `a/notice.txt:5` · cited by 1 archive documents
    "#]]
    .assert_eq(&card.markdown(true));
}

#[test]
fn hover_on_a_back_reference_shows_the_title_it_stands_for() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("通知》精神"));
    let hover = hover(&doc, Some(&archive), None, offset).unwrap();
    assert_eq!(text_of(&doc, hover.range), "《通知》");
    let Card::Known(card) = hover.card else {
        panic!("known")
    };
    assert_eq!(
        card.title.as_deref(),
        Some("江川省人民政府办公厅关于加快数字政府建设的通知")
    );
}

#[test]
fn hover_on_a_bare_number_known_only_from_citations_shows_the_citing_sentence() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("〔2022〕14号文件"));
    let hover = hover(&doc, Some(&archive), None, offset).unwrap();
    assert_eq!(text_of(&doc, hover.range), "国发〔2022〕14号");
    expect![[r#"
        **《国务院关于加强数字政府建设的指导意见》**

        文号：国发〔2022〕14号　发文机关：—　日期：—　文种：意见

        档案中无原文，仅见于引用：

        > 按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。

        `a/notice.txt:11` · 被 2 份档案文件引用
    "#]]
    .assert_eq(&hover.markdown(false));
}

#[test]
fn hover_on_an_unknown_title_lists_the_nearest_candidates() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("关于加快数字政府建设的通知书"));
    let hover = hover(&doc, Some(&archive), None, offset).unwrap();
    let Card::Unknown { label, candidates } = &hover.card else {
        panic!("unknown: {:?}", hover.card)
    };
    assert_eq!(label, "《关于加快数字政府建设的通知书》");
    assert_eq!(
        candidates[0].title.as_deref(),
        Some("江川省人民政府办公厅关于加快数字政府建设的通知")
    );
    assert!(hover.markdown(false).starts_with("**档案中未找到：**"));
    assert!(hover.markdown(true).contains("Nearest known"));
}

#[test]
fn hover_while_indexing_says_so() {
    let (doc, offset) = cursor(&marked("〔2022〕14号文件"));
    let hover = hover(&doc, None, None, offset).unwrap();
    assert!(matches!(hover.card, Card::Pending { .. }));
    assert!(hover.markdown(false).contains("档案索引中"));
}

#[test]
fn hover_elsewhere_is_nothing() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("落实"));
    assert_eq!(hover(&doc, Some(&archive), None, offset), None);
}

#[test]
fn the_document_itself_is_not_evidence() {
    // The draft is an archive file: its own bare 文号 does not make the 文号 known.
    let draft = "关于某事的通知\n\n根据中发〔2024〕20号文件精神。\n";
    let archive = archive(&[("a/notice.txt", NOTICE), ("draft.txt", draft)]);
    let me = archive.doc_by_path("draft.txt");
    let doc = parse("draft.txt", draft);
    let offset = draft.find("中发").unwrap();
    let seen = hover(&doc, Some(&archive), None, offset).unwrap();
    assert!(matches!(seen.card, Card::Known(_)), "{:?}", seen.card);
    let excluded = hover(&doc, Some(&archive), me, offset).unwrap();
    assert!(
        matches!(excluded.card, Card::Unknown { .. }),
        "{:?}",
        excluded.card
    );
}

#[test]
fn definition_of_an_archive_document_is_its_title_line() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("江川省人民政府办公厅关于"));
    let found = definition(&doc, &archive, None, offset).unwrap();
    assert_eq!(found.targets.len(), 1);
    assert_eq!(found.targets[0].path, "a/notice.txt");
    assert_eq!(found.targets[0].position.line, 4);
}

#[test]
fn definition_of_a_cited_only_directive_is_where_it_is_cited() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("〔2022〕14号文件"));
    let found = definition(&doc, &archive, None, offset).unwrap();
    let places: Vec<(String, u32, u32)> = found
        .targets
        .iter()
        .map(|t| (t.path.clone(), t.position.line, t.position.start_utf16))
        .collect();
    assert_eq!(
        places,
        [
            ("a/notice.txt".to_string(), 10, 2),
            ("a/opinion.txt".to_string(), 8, 46)
        ]
    );
}

#[test]
fn definition_of_an_unknown_title_is_nothing() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("关于加快数字政府建设的通知书"));
    assert_eq!(definition(&doc, &archive, None, offset), None);
}

#[test]
fn references_come_from_the_archive_and_the_open_documents() {
    let archive = sample();
    let (doc, offset) = cursor(&marked("江川省人民政府办公厅关于"));
    let other = parse(
        "other.txt",
        "转发江政办发〔2023〕12号文件。\n无关的《某某通知》。\n",
    );
    let open = [
        OpenDoc {
            doc: &doc,
            archive_entry: None,
        },
        OpenDoc {
            doc: &other,
            archive_entry: None,
        },
    ];
    let found = references(&archive, &open, 0, offset, true);
    let mut seen: Vec<String> = found
        .iter()
        .map(|r| match r {
            Reference::Archive(at) => format!("{}:{}", at.path, at.position.line),
            Reference::Open { doc, range } => {
                format!("open {doc}: {}", &open[*doc].doc.text[range.range()])
            }
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            "a/notice.txt:4",
            "a/opinion.txt:8",
            "a/opinion.txt:9",
            "open 0: 《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）",
            "open 0: 《通知》",
            "open 1: 江政办发〔2023〕12号",
        ]
    );
}

#[test]
fn references_read_open_archive_files_from_the_editor() {
    let archive = sample();
    let opinion = parse("a/opinion.txt", OPINION);
    let entry = archive.doc_by_path("a/opinion.txt");
    let offset = OPINION.find("国发").unwrap();
    let open = [OpenDoc {
        doc: &opinion,
        archive_entry: entry,
    }];
    let found = references(&archive, &open, 0, offset, false);
    let archive_hits = found
        .iter()
        .filter(|r| matches!(r, Reference::Archive(at) if at.path == "a/opinion.txt"))
        .count();
    assert_eq!(archive_hits, 0, "{found:?}");
    assert!(
        found
            .iter()
            .any(|r| matches!(r, Reference::Open { doc: 0, range } if range.contains(offset)))
    );
    assert!(
        found
            .iter()
            .any(|r| matches!(r, Reference::Archive(at) if at.path == "a/notice.txt"))
    );
}

#[test]
fn workspace_symbols_search_titles_and_numbers() {
    let archive = sample();
    let titles = |query: &str| -> Vec<String> {
        workspace_symbols(&archive, query, 10)
            .into_iter()
            .map(|s| format!("{} {}", s.title, s.number.unwrap_or_default()))
            .collect()
    };
    assert_eq!(
        titles("江政辦發[2023]12號"),
        ["江川省人民政府办公厅关于加快数字政府建设的通知 江政办发〔2023〕12号"]
    );
    assert_eq!(
        titles("数字政府建设"),
        [
            "江川省人民政府办公厅关于加快数字政府建设的通知 江政办发〔2023〕12号",
            "清河市人民政府关于贯彻落实数字政府建设工作的意见 清政发〔2023〕30号",
            "国务院关于加强数字政府建设的指导意见 国发〔2022〕14号",
        ]
    );
    assert_eq!(titles("").len(), 2);
    let cited = workspace_symbols(&archive, "国发〔2022〕", 10);
    assert!(cited[0].cited_only);
    assert_eq!(cited[0].location.path, "a/notice.txt");
}

#[test]
fn links_go_to_archive_documents_only() {
    let archive = sample();
    let doc = parse("draft.txt", DRAFT);
    let found = links(&doc, &archive, None);
    let seen: Vec<(&str, &str, u32)> = found
        .iter()
        .map(|l| {
            (
                text_of(&doc, l.range),
                l.target.path.as_str(),
                l.target.position.line,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）",
                "a/notice.txt",
                4
            ),
            ("《通知》", "a/notice.txt", 4),
        ]
    );
}

#[test]
fn inlay_hints_follow_bare_numbers_with_their_short_title() {
    let archive = sample();
    let doc = parse("draft.txt", DRAFT);
    let all = TextRange::new(0, doc.text.len());
    let hints = inlay_hints(&doc, &archive, None, all);
    assert_eq!(hints.len(), 1);
    assert_eq!(
        &doc.text[..hints[0].offset],
        "按照《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）要求，落实省政府《通知》精神。\n根据国发〔2022〕14号"
    );
    assert_eq!(hints[0].label, "《关于加强数字政府建设的指导意见》");
    let first_line = TextRange::new(0, doc.lines.line(0).content.end());
    assert!(inlay_hints(&doc, &archive, None, first_line).is_empty());
}

#[test]
fn short_titles_drop_the_issuer_and_are_cut() {
    use crate::ide::short_title;
    assert_eq!(
        short_title("国务院关于加强数字政府建设的指导意见", 24),
        "关于加强数字政府建设的指导意见"
    );
    assert_eq!(
        short_title("关于一二三四五六七八九十的通知", 8),
        "关于一二三四五…"
    );
}

const OUTLINED: &str = "关于做好防汛工作的通知\n\n一、总体要求\n坚持人民至上。\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n（二）基本原则\n统筹兼顾。\n\n二、主要任务\n1.加强监测\n做好预报。\n2．强化值守\n\n附件：应急预案\n";

#[test]
fn document_symbols_follow_the_heading_tree() {
    use crate::ide::symbols::{DocSymbol, document_symbols};
    let doc = parse("draft.txt", OUTLINED);
    fn show(doc: &Document, symbols: &[DocSymbol], depth: usize, out: &mut String) {
        for s in symbols {
            let (start, _) = doc.lines.line_col(&doc.text, s.range.start());
            let (end, _) = doc.lines.line_col(&doc.text, s.range.end());
            out.push_str(&format!(
                "{}{} {:?} {start}-{end}\n",
                "  ".repeat(depth),
                s.name,
                s.level
            ));
            show(doc, &s.children, depth + 1, out);
        }
    }
    let mut out = String::new();
    show(&doc, &document_symbols(&doc), 0, &mut out);
    expect![[r#"
        一、总体要求 Some(1) 2-6
          （一）指导思想 Some(2) 4-4
          （二）基本原则 Some(2) 5-6
        二、主要任务 Some(1) 8-13
          1.加强监测 Some(3) 9-10
          2．强化值守 Some(3) 11-13
    "#]]
    .assert_eq(&out);
}

#[test]
fn folding_ranges_cover_sections() {
    use crate::ide::symbols::folding_ranges;
    let doc = parse("draft.txt", OUTLINED);
    assert_eq!(
        folding_ranges(&doc),
        [(2, 6), (5, 6), (8, 13), (9, 10), (11, 13)]
    );
}

#[test]
fn the_cursor_picks_title_or_number_when_they_disagree() {
    let archive = sample();
    let text = "按照《国务院关于加强数字政府建设的指导意见》（江政办发〔2023〕12号）执行。\n";
    let doc = parse("draft.txt", text);
    let title = |offset: usize| match hover(&doc, Some(&archive), None, offset).unwrap().card {
        Card::Known(card) => card.title.unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        title(text.find("国务院").unwrap()),
        "国务院关于加强数字政府建设的指导意见"
    );
    assert_eq!(
        title(text.find("江政办发").unwrap()),
        "江川省人民政府办公厅关于加快数字政府建设的通知"
    );
}
