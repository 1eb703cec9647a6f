use super::*;
use crate::document::{Document, Format};

fn doc(text: &str) -> Document {
    Document::parse(text.to_string(), Format::Plain)
}

/// A small notice by `who`, with the usual formulae and some words of its own.
fn notice(who: &str, matter: &str) -> String {
    let lines = [
        format!("{who}关于做好{matter}工作的通知"),
        String::new(),
        "各区人民政府，市政府各部门：".to_string(),
        String::new(),
        format!("　　为切实做好{matter}工作，经市人民政府同意，现就有关事项通知如下："),
        String::new(),
        "　　一、提高思想认识".to_string(),
        String::new(),
        format!("　　各单位要切实加强组织领导，于2023年5月8日前报送{matter}情况。"),
        String::new(),
        "　　特此通知。".to_string(),
        String::new(),
        who.to_string(),
        String::new(),
        "2023年4月3日".to_string(),
    ];
    lines.join("\n") + "\n"
}

#[test]
fn formulae_recurring_in_three_documents_are_found_with_place_and_punctuation() {
    let docs: Vec<Document> = [
        ("甲市人民政府", "防汛"),
        ("乙市人民政府", "安全生产"),
        ("丙市人民政府", "春耕"),
    ]
    .iter()
    .map(|(who, matter)| doc(&notice(who, matter)))
    .collect();
    let index = PhraseIndex::mine(&docs, 3);
    assert_eq!(index.documents(), 3);

    let transition = index.get("现就有关事项通知如下").expect("mined");
    assert_eq!(transition.documents, 3);
    assert_eq!(transition.follow, Some('：'));
    assert_eq!(transition.typical_place(), Place::Transition);

    let closing = index.get("特此通知").expect("mined and built in");
    assert_eq!(closing.documents, 3);
    assert_eq!(closing.typical_place(), Place::Closing);
    assert!(closing.is_builtin());
    assert_eq!(closing.full_text(), "特此通知。");

    let body = index.get("提高思想认识").expect("mined");
    assert_eq!(body.typical_place(), Place::Body);
    // The paragraph before a short closing formula is part of the closing.
    let before_closing = index.get("要切实加强组织领导").expect("mined");
    assert_eq!(before_closing.typical_place(), Place::Closing);
    assert_eq!(before_closing.follow, Some('，'));
    assert_eq!(
        body.kinds().collect::<Vec<_>>(),
        [(Some(crate::kind::DocKind::Notice), 3)]
    );

    // Each document's own words recur in one document only; dates are no phrasing.
    assert!(index.get("防汛").is_none());
    assert!(
        index
            .phrases()
            .iter()
            .all(|p| !p.text.contains("年") || p.is_builtin())
    );
    // Closed to the right: `现就有关` is always followed by `事项`, so only the longer
    // phrasing stands.
    assert!(index.get("现就有关").is_none());
}

#[test]
fn a_phrasing_in_fewer_documents_than_the_minimum_is_left_out() {
    let docs: Vec<Document> = [("甲市人民政府", "防汛"), ("乙市人民政府", "安全生产")]
        .iter()
        .map(|(who, matter)| doc(&notice(who, matter)))
        .collect();
    let index = PhraseIndex::mine(&docs, 3);
    // Built in, but not mined.
    assert_eq!(
        index.get("现就有关事项通知如下").map(|p| p.documents),
        Some(0)
    );
    assert!(index.get("要切实加强组织领导").is_none());
    let index = PhraseIndex::mine(&docs, 2);
    assert_eq!(
        index.get("现就有关事项通知如下").map(|p| p.documents),
        Some(2)
    );
}

#[test]
fn traditional_text_counts_as_its_simplified_form() {
    let mut docs: Vec<Document> = [("甲市人民政府", "防汛"), ("乙市人民政府", "安全生产")]
        .iter()
        .map(|(who, matter)| doc(&notice(who, matter)))
        .collect();
    docs.push(doc(&crate::normalize::to_simplified(&notice(
        "丙市人民政府",
        "春耕",
    ))
    .replace("现就有关事项通知如下", "現就有關事項通知如下")
    .replace("加强组织领导", "加強組織領導")));
    let index = PhraseIndex::mine(&docs, 3);
    assert_eq!(
        index.get("现就有关事项通知如下").map(|p| p.documents),
        Some(3)
    );
    assert_eq!(
        index.get("要切实加强组织领导").map(|p| p.documents),
        Some(3)
    );
    // Positions in a Traditional document are those of its own text.
    let traditional = &docs[2];
    let found = index.occurrences(traditional);
    let (_, range) = found
        .iter()
        .find(|(p, _)| index.phrases()[*p].text == "现就有关事项通知如下")
        .expect("found");
    assert_eq!(&traditional.text[range.range()], "現就有關事項通知如下");
}

#[test]
fn a_documents_contribution_can_be_left_out() {
    let docs: Vec<Document> = [
        ("甲市人民政府", "防汛"),
        ("乙市人民政府", "安全生产"),
        ("丙市人民政府", "春耕"),
        ("丁市人民政府", "消防"),
    ]
    .iter()
    .map(|(who, matter)| doc(&notice(who, matter)))
    .collect();
    let index = PhraseIndex::mine(&docs, 3);
    let contribution = index.contribution(&docs[0]);
    let at = index
        .phrases()
        .iter()
        .position(|p| p.text == "现就有关事项通知如下")
        .unwrap();
    assert_eq!(
        contribution.places_of(at),
        Some(1 << Place::Transition as u8)
    );
    // A draft that shares nothing contributes nothing.
    assert!(index.contribution(&doc("完全不同的内容。")).is_empty());
}

#[test]
fn proper_names_are_no_phrasings() {
    let docs: Vec<Document> = (0..3)
        .map(|i| {
            doc(&format!(
                "各单位：\n　　经研究，同意张家港市第{i}批试点方案。\n"
            ))
        })
        .collect();
    let index = PhraseIndex::mine(&docs, 3);
    assert!(
        index.phrases().iter().all(|p| !p.text.contains("张家港")),
        "{:?}",
        index.phrases().iter().map(|p| &p.text).collect::<Vec<_>>()
    );
}

/// The example archive: a formula used in three or more of its documents is found, with
/// its place.
#[test]
fn example_archive_formulae() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/archive");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("examples/archive") {
        let path = entry.expect("entry").path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // the GB18030 file: decoding is the edge's business
        };
        let text = text.trim_start_matches('\u{feff}').to_string();
        docs.push(Document::parse(
            text,
            Format::from_path(&path.to_string_lossy()),
        ));
    }
    assert!(docs.len() >= 15);
    let index = PhraseIndex::mine(&docs, 3);
    let phrase = index
        .get("现将有关事项通知如下")
        .expect("three example notices say it");
    assert!(phrase.documents >= 3);
    assert_eq!(phrase.follow, Some('：'));
    assert_eq!(phrase.typical_place(), Place::Transition);
    let phrase = index
        .get("经省人民政府同意")
        .expect("four example documents say it");
    assert!(phrase.documents >= 3, "{phrase:?}");
    assert_eq!(phrase.typical_place(), Place::Opening);
}
