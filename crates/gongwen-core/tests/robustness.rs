//! Parsing and checking never panic, whatever the text: random mixes of the characters
//! that drive the extractors and rules.

use gongwen_core::archive::{Archive, DocSummary};
use gongwen_core::config::Config;
use gongwen_core::document::{Document, Format};
use gongwen_core::rules::{check, fix};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const PIECES: &[&str] = &[
    "国办发",
    "〔",
    "〕",
    "[",
    "]",
    "［",
    "］",
    "（",
    "）",
    "(",
    ")",
    "2019",
    "０５",
    "第",
    "号",
    "號",
    "令",
    "《",
    "》",
    "〈",
    "〉",
    "〈〈",
    "<<",
    ">>",
    "“",
    "”",
    "\"",
    "'",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    ",",
    ".",
    ":",
    ";",
    "一、",
    "（一）",
    "1.",
    "1、",
    "（1）",
    "×",
    "××",
    "某某",
    "年月日",
    "个月",
    "產(chǎn)",
    "\u{FFFD}",
    "\u{E000}",
    "\u{7}",
    "𠀀",
    "…",
    "...",
    "——",
    "--",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "附件",
    "第一条",
    "## ",
    "---\n",
    "title: x\n",
    "〖BT/标题〗",
    "〖-BT/标题〗",
    "https://a.cn/x",
    "a@b.cn",
    "`code`",
    "<!-- gongwen-disable -->",
    "关于",
    "的通知",
    "通知",
    "中央",
    "新华社北京2月16日电",
    "2024-02-17",
    "湖南日报",
    "同志们",
    "现就有关问题通知如下",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces)
        .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
        .collect()
}

#[test]
fn random_texts_parse_check_and_fix_without_panicking() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let archive_texts: Vec<String> = (0..20).map(|_| random_text(&mut rng, 200)).collect();
    let archive = Archive::build(
        archive_texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                DocSummary::new(
                    format!("a/{i}.txt"),
                    &Document::parse(t.clone(), Format::Plain),
                )
            })
            .collect(),
    );
    let config = Config::default();
    for round in 0..1500 {
        let pieces = 1 + (rng.next() % 300) as usize;
        let text = random_text(&mut rng, pieces);
        let format = if round % 3 == 0 {
            Format::Markdown
        } else {
            Format::Plain
        };
        let doc = Document::parse(text.clone(), format);
        let found = check(&doc, Some(&archive), None, &config);
        for d in &found {
            assert!(
                d.range.end() <= text.len()
                    && text.is_char_boundary(d.range.start())
                    && text.is_char_boundary(d.range.end())
            );
        }
        let (once, _) = fix(&text, format, &config);
        let (twice, _) = fix(&once, format, &config);
        assert_eq!(once, twice, "fixing is idempotent on {text:?}");
        let _ = archive.lookup(&text, 5);
    }
}

#[test]
fn random_texts_mine_and_complete_without_panicking() {
    use gongwen_core::completion::{CompletionOptions, complete};
    use gongwen_core::phrases::PhraseIndex;

    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let archive_docs: Vec<Document> = (0..30)
        .map(|_| Document::parse(random_text(&mut rng, 300), Format::Plain))
        .collect();
    let phrases = PhraseIndex::mine(&archive_docs, 2);
    let archive = Archive::build(
        archive_docs
            .iter()
            .enumerate()
            .map(|(i, d)| DocSummary::new(format!("a/{i}.txt"), d))
            .collect(),
    );
    let options = CompletionOptions::default();
    for round in 0..400 {
        let pieces = (rng.next() % 120) as usize;
        let text = random_text(&mut rng, pieces);
        let format = if round % 4 == 0 {
            Format::Markdown
        } else {
            Format::Plain
        };
        let doc = Document::parse(text.clone(), format);
        let contribution = phrases.contribution(&doc);
        let options = CompletionOptions {
            exclude_phrases: Some(&contribution),
            ..options
        };
        for _ in 0..8 {
            let offset = (rng.next() as usize) % (text.len() + 1);
            let list = complete(&doc, offset, Some(&archive), Some(&phrases), &options);
            for item in &list.items {
                let range = item.edit.range;
                assert!(range.end() <= text.len(), "{text:?} {offset} {item:?}");
                assert!(text.is_char_boundary(range.start()) && text.is_char_boundary(range.end()));
                let replaced = &text[range.range()];
                assert!(!replaced.contains(['\n', '\r']), "{text:?} {item:?}");
                assert!(item.filter_text.starts_with(replaced), "{text:?} {item:?}");
            }
        }
    }
}
