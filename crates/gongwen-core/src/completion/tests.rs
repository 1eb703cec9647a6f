use super::*;
use crate::archive::DocSummary;
use crate::document::Format;
use crate::phrases::FORMULAE;

fn doc(text: &str) -> Document {
    Document::parse(text.to_string(), Format::Plain)
}

/// The items at the `|` in `text`.
fn at_bar(
    text: &str,
    archive: Option<&Archive>,
    phrases: Option<&PhraseIndex>,
) -> (Document, usize, CompletionList) {
    let offset = text.find('|').expect("a cursor");
    let draft = doc(&text.replace('|', ""));
    let list = complete(
        &draft,
        offset,
        archive,
        phrases,
        &CompletionOptions::default(),
    );
    (draft, offset, list)
}

/// Checks what every item must satisfy: the edit ends at the cursor on its line, and the
/// filter text starts with the text it replaces.
fn check_edits(draft: &Document, offset: usize, list: &CompletionList) {
    for item in &list.items {
        let range = item.edit.range;
        assert_eq!(range.end(), offset, "{item:?}");
        assert!(draft.text.is_char_boundary(range.start()));
        let replaced = &draft.text[range.range()];
        assert!(!replaced.contains('\n'), "{item:?}");
        assert!(
            item.filter_text.starts_with(replaced),
            "{replaced:?} {item:?}"
        );
    }
}

fn archive() -> Archive {
    let texts = [
        (
            "a.txt",
            "国务院办公厅关于加强安全生产工作的通知\n\n国办发〔2019〕5号\n\n各省、自治区、直辖市人民政府：\n\n　　为加强安全生产工作，现就有关事项通知如下：\n\n　　特此通知。\n\n国务院办公厅\n\n2019年3月1日\n",
        ),
        (
            "b.txt",
            "甲省人民政府关于贯彻落实的通知\n\n各市人民政府：\n\n　　根据《国务院办公厅关于加强安全生产工作的通知》（国办发〔2019〕5号）和《关于做好防汛工作的通知》（国办发〔2020〕12号），现就有关事项通知如下：\n\n　　特此通知。\n",
        ),
        (
            "c.txt",
            "乙省人民政府关于贯彻落实的通知\n\n各市人民政府：\n\n　　按照《国务院办公厅关于加强安全生产工作的通知》（国办发〔2019〕5号）要求，现就有关事项通知如下：\n\n　　特此通知。\n",
        ),
    ];
    Archive::build(
        texts
            .iter()
            .map(|(path, text)| DocSummary::new(path.to_string(), &doc(text)))
            .collect(),
    )
}

#[test]
fn titles_after_the_opening_mark_most_cited_first_with_their_numbers() {
    let archive = archive();
    let (draft, offset, list) = at_bar("根据《|", Some(&archive), None);
    check_edits(&draft, offset, &list);
    let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels[0], "国务院办公厅关于加强安全生产工作的通知");
    assert!(labels.contains(&"关于做好防汛工作的通知"));
    let first = &list.items[0];
    assert_eq!(first.kind, CompletionKind::Title);
    assert_eq!(
        first.edit.text,
        "国务院办公厅关于加强安全生产工作的通知》（国办发〔2019〕5号）"
    );
    assert_eq!(first.edit.range, TextRange::empty(offset));
    assert!(first.detail.contains("国办发〔2019〕5号"));
    assert_eq!(first.sort_text, "0000");
}

#[test]
fn titles_match_what_was_typed_anywhere_and_keep_an_existing_closing_mark() {
    let archive = archive();
    // Typed text from the middle of a title; `》` already there and no 文号 after it.
    let (draft, offset, list) = at_bar("根据《安全生产|》要求", Some(&archive), None);
    check_edits(&draft, offset, &list);
    assert_eq!(list.items.len(), 1);
    let item = &list.items[0];
    assert_eq!(item.edit.text, "国务院办公厅关于加强安全生产工作的通知");
    assert_eq!(&draft.text[item.edit.range.range()], "安全生产");
    assert!(item.filter_text.starts_with("安全生产"));
    let after_mark = offset + "》".len();
    assert_eq!(
        item.additional_edits,
        [Edit {
            range: TextRange::empty(after_mark),
            text: "（国办发〔2019〕5号）".to_string()
        }]
    );
    // A 文号 already after the mark is not added again.
    let (_, _, list) = at_bar(
        "根据《安全生产|》（国办发〔2019〕5号）",
        Some(&archive),
        None,
    );
    assert!(list.items[0].additional_edits.is_empty());
}

#[test]
fn title_ranges_after_extension_b_characters_and_traditional_typing() {
    let archive = archive();
    let (draft, offset, list) = at_bar("𠀀𠀁同志指出，根據《關於做好|", Some(&archive), None);
    check_edits(&draft, offset, &list);
    let item = &list.items[0];
    assert_eq!(item.label, "关于做好防汛工作的通知");
    assert_eq!(&draft.text[item.edit.range.range()], "關於做好");
    assert_eq!(item.edit.range.start(), draft.text.find("關於").unwrap());
}

#[test]
fn the_draft_itself_is_no_title_to_cite() {
    let archive = archive();
    let draft = doc("根据《");
    let options = CompletionOptions {
        exclude_doc: archive.doc_by_path("a.txt"),
        ..CompletionOptions::default()
    };
    let list = complete(&draft, draft.text.len(), Some(&archive), None, &options);
    assert!(
        list.items
            .iter()
            .all(|i| i.label != "国务院办公厅关于加强安全生产工作的通知")
    );
}

#[test]
fn doc_numbers_after_an_issuer_code_or_its_bracket() {
    let archive = archive();
    let (draft, offset, list) = at_bar("根据国办发|", Some(&archive), None);
    check_edits(&draft, offset, &list);
    let numbers: Vec<&str> = list
        .items
        .iter()
        .filter(|i| i.kind == CompletionKind::DocNumber)
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(numbers, ["国办发〔2019〕5号", "国办发〔2020〕12号"]);
    let item = &list.items[0];
    assert_eq!(&draft.text[item.edit.range.range()], "国办发");
    assert_eq!(item.detail, "国务院办公厅关于加强安全生产工作的通知");

    // A half-typed year in another bracket style narrows the list.
    let (draft, offset, list) = at_bar("（国办发[202|", Some(&archive), None);
    check_edits(&draft, offset, &list);
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.items[0].edit.text, "国办发〔2020〕12号");
    assert_eq!(list.items[0].filter_text, "国办发[2020〕12号");

    // An unknown code gives no numbers.
    let (_, _, list) = at_bar("根据苏政发〔|", Some(&archive), None);
    assert!(
        list.items
            .iter()
            .all(|i| i.kind != CompletionKind::DocNumber)
    );
}

#[test]
fn next_heading_number_of_the_level_in_use() {
    let text = "关于开展检查的通知\n\n各单位：\n\n一、总体要求\n\n为做好工作，特制定本方案。\n\n二、主要任务\n\n（一）加强领导。各单位要加强领导。\n\n|";
    let (draft, offset, list) = at_bar(text, None, None);
    check_edits(&draft, offset, &list);
    let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["（二）", "三、", "1."]);
    assert_eq!(list.items[0].detail, "二级标题，接 （一）");

    // Right under a heading line, its first subheading comes first.
    let text = "各单位：\n\n一、总体要求\n\n|";
    let (_, _, list) = at_bar(text, None, None);
    let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["（一）", "二、"]);

    // A typed `（` keeps the bracketed levels, and the edit replaces it (indentation stays).
    let text = "一、总体要求\n\n（一）指导思想。坚持。\n\n1．问题导向。\n\n　　（|";
    let (draft, offset, list) = at_bar(text, None, None);
    check_edits(&draft, offset, &list);
    let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["（二）", "（1）"]);
    assert_eq!(&draft.text[list.items[0].edit.range.range()], "（");
    // The third level follows the document's full-width dot.
    let text = "一、总体要求\n\n（一）指导思想。坚持。\n\n1．问题导向。\n\n|";
    let (_, _, list) = at_bar(text, None, None);
    assert_eq!(list.items[0].label, "2．");
}

#[test]
fn skeletons_in_an_empty_document() {
    let draft = doc("\n\n");
    let list = complete(&draft, 1, None, None, &CompletionOptions::default());
    assert_eq!(list.items.len(), 15);
    check_edits(&draft, 1, &list);
    let notice = list
        .items
        .iter()
        .find(|i| i.label == "通知（公文模板）")
        .unwrap();
    assert!(notice.snippet);
    assert!(notice.edit.text.starts_with("${1:发文机关}文件\n"));
    assert!(
        notice
            .edit
            .text
            .contains("${1:发文机关}关于${5:事由}的通知\n")
    );
    let text = snippet_to_text(&notice.edit.text);
    assert!(text.starts_with("发文机关文件\n\n机关代字〔年份〕序号号\n\n发文机关关于事由的通知"));
    assert!(text.contains("　　特此通知。\n\n发文机关\n\n成文日期"));

    // Typing a kind's name in an empty document narrows the skeletons.
    let draft = doc("请示");
    let list = complete(
        &draft,
        draft.text.len(),
        None,
        None,
        &CompletionOptions::default(),
    );
    assert_eq!(list.items.len(), 1);
    assert_eq!(&draft.text[list.items[0].edit.range.range()], "请示");
    assert!(list.items[0].edit.text.contains("以上请示，请予批复。"));
}

#[test]
fn every_skeleton_closes_with_its_kinds_formula() {
    for skeleton in &SKELETONS {
        assert!(
            skeleton.snippet.contains(skeleton.closing),
            "{:?}",
            skeleton.kind
        );
        assert!(
            FORMULAE
                .iter()
                .any(|f| f.kind == Some(skeleton.kind) && f.text == skeleton.closing),
            "{} is not in formulae.tsv for {}",
            skeleton.closing,
            skeleton.kind
        );
    }
    let kinds: Vec<_> = SKELETONS.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, crate::kind::DocKind::STATUTORY);
}

/// Three notices and three requests sharing their formulae.
fn phrase_index() -> PhraseIndex {
    let mut docs = Vec::new();
    for who in ["甲市", "乙市", "丙市"] {
        docs.push(doc(&format!(
            "{who}人民政府关于做好防汛工作的通知\n\n各区人民政府：\n\n　　为做好防汛工作，现就有关事项通知如下：\n\n　　一、提高认识\n\n　　各单位要切实加强组织领导，确保安全。\n\n　　特此通知。\n\n{who}人民政府\n\n2023年4月3日\n"
        )));
        docs.push(doc(&format!(
            "{who}人民政府关于拨付防汛资金的请示\n\n省人民政府：\n\n　　今年汛期降雨偏多，现将有关情况请示如下：\n\n　　一、基本情况\n\n　　各单位要切实加强组织领导，确保安全。\n\n　　以上请示，请予批复。\n\n{who}人民政府\n\n2023年4月3日\n"
        )));
    }
    PhraseIndex::mine(&docs, 3)
}

fn labels(list: &CompletionList) -> Vec<&str> {
    list.items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn phrasings_complete_the_typed_tail_with_their_punctuation() {
    let index = phrase_index();
    let text = "丁市人民政府关于做好春耕工作的通知\n\n各区人民政府：\n\n　　为做好春耕工作，现就|";
    let (draft, offset, list) = at_bar(text, None, Some(&index));
    check_edits(&draft, offset, &list);
    assert_eq!(list.items[0].label, "现就有关事项通知如下：");
    assert_eq!(list.items[0].edit.text, "现就有关事项通知如下：");
    assert_eq!(&draft.text[list.items[0].edit.range.range()], "现就");
    assert_eq!(list.items[0].kind, CompletionKind::Phrase);
    assert!(
        list.items[0].detail.contains("3 份文件"),
        "{:?}",
        list.items[0]
    );
}

#[test]
fn closing_formulae_fit_the_drafts_kind() {
    let index = phrase_index();
    let notice = "丁市人民政府关于做好春耕工作的通知\n\n各区人民政府：\n\n　　为做好春耕工作，现就有关事项通知如下：\n\n　　各单位要切实加强组织领导，确保安全。\n\n　　特此|";
    let (draft, offset, list) = at_bar(notice, None, Some(&index));
    check_edits(&draft, offset, &list);
    assert_eq!(list.items[0].label, "特此通知。");
    let request = "丁市人民政府关于拨付春耕资金的请示\n\n省人民政府：\n\n　　现将有关情况请示如下：\n\n　　各单位要切实加强组织领导，确保安全。\n\n　　以上|";
    let (draft, offset, list) = at_bar(request, None, Some(&index));
    check_edits(&draft, offset, &list);
    assert_eq!(list.items[0].label, "以上请示，请予批复。");
    let request = request.replace("以上|", "特此|");
    let (_, _, list) = at_bar(&request, None, Some(&index));
    assert!(
        labels(&list).iter().position(|l| l.starts_with("特此请示"))
            < labels(&list).iter().position(|l| *l == "特此通知。"),
        "{:?}",
        labels(&list)
    );
}

#[test]
fn phrase_ranges_are_shared_and_exact_after_extension_b_characters() {
    let index = phrase_index();
    // 𠀀 and 𠀁 take four bytes each (two UTF-16 units): the range must start right after
    // them, and every item of the list replaces the same range.
    let text = "请示\n\n　　𠀀𠀁反映，各单位要切实加|";
    let (draft, offset, list) = at_bar(text, None, Some(&index));
    check_edits(&draft, offset, &list);
    assert!(!list.items.is_empty());
    let range = list.items[0].edit.range;
    assert!(list.items.iter().all(|i| i.edit.range == range));
    let item = list
        .items
        .iter()
        .find(|i| i.label.contains("加强组织领导"))
        .expect("offered");
    assert!(item.edit.text.ends_with("加强组织领导，"), "{item:?}");
    let replaced = &draft.text[range.range()];
    assert!(item.edit.text.starts_with(replaced));
    assert!(!replaced.contains('𠀁'), "{replaced}");
}

#[test]
fn traditional_drafts_get_traditional_text() {
    let index = phrase_index();
    let text = "通知\n\n各區人民政府：\n\n　　為做好春耕工作，現就|";
    let (draft, offset, list) = at_bar(text, None, Some(&index));
    check_edits(&draft, offset, &list);
    let item = &list.items[0];
    assert_eq!(&draft.text[item.edit.range.range()], "現就");
    assert_eq!(item.edit.text, "現就有關事項通知如下：");
}

#[test]
fn the_drafts_own_uses_do_not_count() {
    let index = phrase_index();
    let own = doc(
        "甲市人民政府关于做好防汛工作的通知\n\n各区人民政府：\n\n　　为做好防汛工作，现就有关事项通知如下：\n\n　　特此通知。\n",
    );
    let contribution = index.contribution(&own);
    let options = CompletionOptions {
        exclude_phrases: Some(&contribution),
        ..CompletionOptions::default()
    };
    let text = "通知\n\n各区人民政府：\n\n　　为做好防汛工作，现就|";
    let draft = doc(&text.replace('|', ""));
    let offset = text.find('|').unwrap();
    let list = complete(&draft, offset, None, Some(&index), &options);
    let item = list
        .items
        .iter()
        .find(|i| i.label == "现就有关事项通知如下：")
        .expect("still built in");
    // Two documents remain: below the minimum of three, only the built-in table keeps it.
    assert!(item.detail.contains("2 份文件"), "{item:?}");
}

#[test]
fn builtin_formulae_without_an_archive() {
    let (draft, offset, list) = at_bar("通知\n\n　　特此|", None, None);
    check_edits(&draft, offset, &list);
    assert_eq!(list.items[0].label, "特此通知。");
    assert!(list.items[0].detail.contains("内置"));
}

#[test]
fn doc_numbers_and_phrasings_in_one_list_share_one_range() {
    let archive = archive();
    let index = phrase_index();
    // `国办发` ends the run of characters: 文号 replace `国办发`, phrasings their own tail.
    let (draft, offset, list) = at_bar(
        "通知\n\n　　各单位要切实加强国办发|",
        Some(&archive),
        Some(&index),
    );
    check_edits(&draft, offset, &list);
    assert!(
        list.items
            .iter()
            .any(|i| i.kind == CompletionKind::DocNumber)
    );
    let range = list.items[0].edit.range;
    assert!(list.items.iter().all(|i| i.edit.range == range), "{list:?}");
    let number = list
        .items
        .iter()
        .find(|i| i.kind == CompletionKind::DocNumber)
        .unwrap();
    assert!(number.edit.text.ends_with("国办发〔2019〕5号"));
    assert!(
        number.edit.text.starts_with(&draft.text[range.range()])
            || number.edit.text.ends_with("号")
    );
}

#[test]
fn a_draft_of_no_known_kind_gets_the_commonest_kinds_formula_first() {
    let (_, _, list) = at_bar("　　特此|", None, None);
    assert_eq!(list.items[0].label, "特此通知。");
}
