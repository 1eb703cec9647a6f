//! # D403 garbled-text：乱码、拼音残留或异常字符
//!
//! ## 检查内容
//!
//! 文本在转码、复制或排版中损坏留下的字符：
//!
//! - 替换字符 `�`（U+FFFD）：解码失败的位置，原字已经丢失；
//! - 拼音注音残留：字后带声调的拼音 `共產(chǎn)黨員`（从带注音的网页复制而来）；
//! - 私用区字符（U+E000–U+F8FF 等）：只在某种字体里有字形，换一台电脑就是方框或别的字；
//! - 控制字符：制表符和换行以外的 C0/C1 控制字符、DEL；
//! - 乱码串：
//!   - UTF-8 被当成 Latin-1/Windows-1252 解码的 `Ã©` `â€œ` `ä¸­æ–‡`（带重音的拉丁字母后紧跟
//!     U+0080–U+00BF 或 Windows-1252 符号）；
//!   - 半角片假名（U+FF61–U+FF9F）和 CJK 兼容区的日文方块字（`㌔` 等，U+3300–U+3357）；
//!     `㎡` `㎏` 这类单位符号不算；
//!   - GBK 字节错位：汉字之间夹着 `^` `` ` `` `\` `{` `}` 这类中文里不会出现的半角符号，
//!     如 `檢查!盎仡^看”`（原文 `檢查。“回頭看”`）。报告从该符号到其前后 4 个字以内的另一个
//!     夹在汉字之间的半角符号为止的一段（`!盎仡^`）。
//!
//! 乱码判断是启发式的：错位解码出的若全是常用汉字而不带上述符号，本规则发现不了；数学式
//! `x^2`、Markdown 脚注 `[^1]` 两侧不是汉字，不报告。网址、邮箱、代码不检查。
//!
//! ## 依据
//!
//! GB/T 9704-2012 第 9 章：公文中的文字、标点符号和数字分别符合有关国家标准（标点符号用
//! GB/T 15834-2011，数字用 GB/T 15835-2011）。乱码、拼音注音残留、私用区字符和看不见的控制
//! 字符都不属于规范的文字和符号，印发前必须清除或对照原件还原。
//!
//! ## 示例
//!
//! ```text
//! 中央保持共產(chǎn)黨員先進性教育活動領(lǐng)導(dǎo)小組
//! 黨組織也要進行回顧檢查!盎仡^看”
//! 经费不少于1�20元。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 中央保持共產黨員先進性教育活動領導小組
//! 黨組織也要進行回顧檢查。“回頭看”
//! 经费不少于1.20元。
//! ```
//!
//! ## 修复
//!
//! 拼音注音残留为安全修复：删除括号连同其中的拼音，汉字不动，重复应用结果不变。其余情况
//! 无修复（原字须对照原件恢复）。本规则与 P201、P204、P206、P210、P211 重叠时只报告本规则
//! （乱码里的 `!`、注音的半角括号不再另报）。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D403",
    name: "garbled-text",
    summary: "乱码、拼音注音残留或异常字符",
    summary_en: "garbled text, pinyin residue or stray control characters",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("d403_garbled_text.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for &residue in &doc.shadow.residues {
        let line = doc.lines.line_of(residue.start());
        if !doc.is_linted_line(line) || doc.in_verbatim(residue) {
            continue;
        }
        let written = &doc.text[residue.range()];
        out.push(
            Diagnostic::new(
                RULE.code,
                residue,
                Message::new(
                    format!("拼音注音残留「{written}」，应删除"),
                    format!("pinyin residue `{written}`: remove it"),
                ),
            )
            .with_fix(Fix::safe(
                Message::new("删除拼音注音", "Remove the pinyin"),
                vec![Edit::delete(residue)],
            )),
        );
    }
    for (_, content, text) in linted_lines(doc) {
        if !may_hold_garbage(text.as_bytes()) {
            continue;
        }
        scan_line(doc, content.start(), text, out);
    }
}

/// A byte-level test for what `scan_line` looks for: control bytes, the ASCII anchors of a
/// GBK shift (`^` `` ` `` `\` `{` `}`), Latin-1 letters, C1 controls, U+3300..U+337F,
/// private use, half-width katakana and U+FFC0..U+FFFF (U+FFFD among them). Full-width
/// punctuation shares its lead byte with half of these, so the second byte decides: a
/// plain Chinese line passes without a character being decoded.
fn may_hold_garbage(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let hit = match b {
            b'\t' => false,
            0x00..=0x1f | 0x7f | b'^' | b'`' | b'\\' | b'{' | b'}' => true,
            0xc2 => (0x80..=0x9f).contains(&next),
            0xc3 | 0xee | 0xf3 | 0xf4 => true,
            0xe3 => (0x8c..=0x8d).contains(&next),
            0xef => match next {
                0x80..=0xa3 | 0xbf => true,
                0xbd => bytes.get(i + 2).is_some_and(|&t| t >= 0xa1),
                0xbe => bytes.get(i + 2).is_some_and(|&t| t <= 0x9f),
                _ => false,
            },
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Replacement,
    PrivateUse,
    Control,
    Mojibake,
}

impl Kind {
    fn message(self, written: &str) -> Message {
        let shown: String = written
            .chars()
            .map(|c| {
                if c.is_control() {
                    format!("U+{:04X}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        match self {
            Kind::Replacement => Message::new(
                format!("替换字符「{shown}」：此处原字在转码时已丢失，请对照原件恢复"),
                format!(
                    "replacement character `{shown}`: the original character was lost in decoding"
                ),
            ),
            Kind::PrivateUse => Message::new(
                format!("私用区字符「{shown}」：换一种字体就无法正确显示，请换成规范字符"),
                format!(
                    "private-use character `{shown}`: it only displays in one font; use a standard character"
                ),
            ),
            Kind::Control => Message::new(
                format!("控制字符 {shown}：正文中不应出现，请删除"),
                format!("control character {shown} in the text: remove it"),
            ),
            Kind::Mojibake => Message::new(
                format!("疑似乱码「{shown}」（编码错误），请对照原件恢复"),
                format!(
                    "probably garbled text `{shown}` (wrong encoding): restore it from the original"
                ),
            ),
        }
    }
}

fn classify(c: char) -> Option<Kind> {
    match c {
        '\u{FFFD}' => Some(Kind::Replacement),
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' => Some(Kind::PrivateUse),
        '\t' => None,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(Kind::Control),
        // Half-width katakana and the Japanese square words of CJK Compatibility: Shift-JIS
        // or EUC bytes read as something else.
        '\u{FF61}'..='\u{FF9F}' | '\u{3300}'..='\u{3357}' => Some(Kind::Mojibake),
        _ => None,
    }
}

fn scan_line(doc: &crate::document::Document, base: usize, text: &str, out: &mut Vec<Diagnostic>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut last_end = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let found = if let Some(kind) = classify(c) {
            let mut j = i + 1;
            while j < chars.len() && classify(chars[j].1) == Some(kind) {
                j += 1;
            }
            Some((kind, i, j))
        } else if let Some(len) = latin1_run(&chars[i..]) {
            Some((Kind::Mojibake, i, i + len))
        } else if is_shift_anchor(c) && between_ideographs(&chars, i) {
            let (from, to) = shift_run(&chars, i);
            Some((Kind::Mojibake, from, to))
        } else {
            None
        };
        let Some((kind, from, to)) = found else {
            i += 1;
            continue;
        };
        let start = chars[from].0.max(last_end);
        let end = chars.get(to).map_or(text.len(), |&(e, _)| e);
        i = to.max(i + 1);
        if start >= end {
            continue;
        }
        last_end = end;
        let range = TextRange::new(base + start, base + end);
        if doc.in_verbatim(range) {
            continue;
        }
        out.push(Diagnostic::new(
            RULE.code,
            range,
            kind.message(&text[start..end]),
        ));
    }
}

/// Windows-1252 symbols that UTF-8 continuation bytes 0x80–0x9F turn into.
fn is_cp1252_symbol(c: char) -> bool {
    matches!(
        c,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
    )
}

/// A UTF-8 lead byte read as Latin-1: `Â` `Ã` (U+0080–U+00FF), `â` (punctuation), `ã`
/// (CJK marks), `ä`–`é` (ideographs), `ï` (full-width forms).
fn is_latin1_lead(c: char) -> bool {
    matches!(
        c,
        'Â' | 'Ã' | 'â' | 'ã' | 'ä' | 'å' | 'æ' | 'ç' | 'è' | 'é' | 'ï'
    )
}

/// A continuation byte read as Latin-1 or Windows-1252.
fn is_latin1_trail(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{BF}') || is_cp1252_symbol(c)
}

/// Trails that also stand after an accented letter in real text (`“café”`, `Lǚ·Xùn`).
fn is_weak_trail(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '•' | '·')
}

/// Length in chars of a run of UTF-8-read-as-Latin-1 sequences at the start of `chars`:
/// each a lead followed by one or two trails, not all of them weak.
fn latin1_run(chars: &[(usize, char)]) -> Option<usize> {
    let mut i = 0;
    while i < chars.len() && is_latin1_lead(chars[i].1) {
        let mut j = i + 1;
        while j < chars.len() && j - i <= 2 && is_latin1_trail(chars[j].1) {
            j += 1;
        }
        if j == i + 1 || chars[i + 1..j].iter().all(|&(_, c)| is_weak_trail(c)) {
            break;
        }
        i = j;
    }
    (i > 0).then_some(i)
}

/// ASCII marks that never stand between two Chinese characters in prose: a GBK trail byte
/// left alone when the byte stream slipped by one.
fn is_shift_anchor(c: char) -> bool {
    matches!(c, '^' | '`' | '\\' | '{' | '}')
}

fn between_ideographs(chars: &[(usize, char)], i: usize) -> bool {
    i > 0 && is_ideograph(chars[i - 1].1) && chars.get(i + 1).is_some_and(|&(_, c)| is_ideograph(c))
}

/// The garbled stretch around an anchor: up to another ASCII mark standing between
/// ideographs within four characters on either side.
fn shift_run(chars: &[(usize, char)], anchor: usize) -> (usize, usize) {
    let partner = |k: usize| {
        let c = chars[k].1;
        c.is_ascii_punctuation() && between_ideographs(chars, k)
    };
    // The first character that ends the search: a partner mark (taken) or anything but
    // an ideograph (not taken).
    let first_stop = |k: usize| {
        if partner(k) {
            Some((k, true))
        } else if !is_ideograph(chars[k].1) {
            Some((k, false))
        } else {
            None
        }
    };
    let from = (anchor.saturating_sub(4)..anchor)
        .rev()
        .find_map(first_stop)
        .filter(|&(_, taken)| taken)
        .map_or(anchor, |(k, _)| k);
    let to = (anchor + 1..(anchor + 5).min(chars.len()))
        .find_map(first_stop)
        .filter(|&(_, taken)| taken)
        .map_or(anchor + 1, |(k, _)| k + 1);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<String> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if let Some(len) = latin1_run(&chars[i..]) {
                out.push(chars[i..i + len].iter().map(|&(_, c)| c).collect());
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn utf8_read_as_latin1_is_found_but_not_accented_words() {
        assert_eq!(runs("ä¸\u{AD}æ–‡字"), ["ä¸\u{AD}æ–‡"]);
        assert_eq!(runs("â€œ引号â€"), ["â€œ", "â€"]);
        assert!(runs("café résumé “Zhōngguó” 3×4 ×××……").is_empty());
    }

    #[test]
    fn gbk_shift_run_reaches_the_partner_mark() {
        let text = "檢查!盎仡^看”";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let anchor = chars.iter().position(|&(_, c)| c == '^').unwrap();
        let (from, to) = shift_run(&chars, anchor);
        let run: String = chars[from..to].iter().map(|&(_, c)| c).collect();
        assert_eq!(run, "!盎仡^");
    }
}
