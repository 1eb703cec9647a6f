//! The one normalisation used for matching, and the "shadow" text extractors read.
//!
//! Matching ignores Traditional vs Simplified characters, full vs half width, bracket style,
//! whitespace and pinyin residue (`產(chǎn)`). Two things implement that:
//!
//! - [`key`] turns a title or any short string into its matching key;
//! - [`Shadow`] is a whole document with Traditional characters simplified, full-width
//!   letters and digits made ASCII and pinyin residue removed, plus a map back to the
//!   original's byte offsets. Extractors (文号, citations, metadata) run on the shadow so that
//!   `中發(fā)[2004]20號` is found as `中发[2004]20号`, and report original ranges.

use std::sync::LazyLock;

use crate::text::{TextRange, is_ideograph};

/// A document's normalised twin, with offsets mapped back to the original.
#[derive(Clone, Debug, Default)]
pub struct Shadow {
    /// `None` when the shadow is identical to the original (the common case).
    text: Option<String>,
    /// `(shadow offset, original offset)` breakpoints, sorted; between two breakpoints the
    /// shadow and the original advance byte for byte.
    points: Vec<(u32, u32)>,
    /// Original ranges of pinyin residue removed from the shadow.
    pub residues: Vec<TextRange>,
}

impl Shadow {
    pub fn new(original: &str) -> Shadow {
        let mut shadow = Shadow::default();
        // Fast path: most documents need no change at all.
        let changes = needs_shadow(original);
        if !changes {
            return shadow;
        }
        let mut out = String::with_capacity(original.len());
        let mut points = vec![(0u32, 0u32)];
        let mut prev_ideograph = false;
        let mut iter = original.char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            if prev_ideograph
                && (c == '(' || c == '（')
                && let Some(len) = pinyin_residue_len(&original[at..])
            {
                shadow.residues.push(TextRange::new(at, at + len));
                while iter.peek().is_some_and(|&(next, _)| next < at + len) {
                    iter.next();
                }
                points.push((out.len() as u32, (at + len) as u32));
                // The character before the residue still counts for the next one.
                continue;
            }
            prev_ideograph = is_ideograph(c);
            match fold_char(c) {
                Some(folded) if folded.len_utf8() != c.len_utf8() => {
                    points.push((out.len() as u32, at as u32));
                    out.push(folded);
                    points.push((out.len() as u32, (at + c.len_utf8()) as u32));
                }
                Some(folded) => out.push(folded),
                None => out.push(c),
            }
        }
        points.dedup();
        if out != original {
            shadow.text = Some(out);
            shadow.points = points;
        }
        shadow
    }

    /// The shadow text (the original itself when nothing changed).
    pub fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(original)
    }

    pub fn is_identity(&self) -> bool {
        self.text.is_none()
    }

    /// Maps a shadow offset that starts something to the original.
    pub fn start_to_original(&self, offset: usize) -> usize {
        if self.points.is_empty() {
            return offset;
        }
        let i = self.points.partition_point(|&(s, _)| s as usize <= offset) - 1;
        let (s, o) = self.points[i];
        o as usize + (offset - s as usize)
    }

    /// Maps a shadow offset that ends something to the original (removed residue right
    /// before it stays outside).
    pub fn end_to_original(&self, offset: usize) -> usize {
        if self.points.is_empty() || offset == 0 {
            return offset;
        }
        let i = self.points.partition_point(|&(s, _)| (s as usize) < offset) - 1;
        let (s, o) = self.points[i];
        // The end of a character folded to another width (`２` → `2`) is the end of the
        // original character; the end of text before removed residue stays before it.
        if let Some(&(next_s, next_o)) = self.points.get(i + 1)
            && next_s as usize == offset
            && (next_o - o).abs_diff(next_s - s) <= 3
        {
            return next_o as usize;
        }
        o as usize + (offset - s as usize)
    }

    pub fn range_to_original(&self, range: TextRange) -> TextRange {
        if self.points.is_empty() {
            return range;
        }
        let start = self.start_to_original(range.start());
        let end = self.end_to_original(range.end()).max(start);
        TextRange::new(start, end)
    }
}

/// True when the shadow of `text` differs from it: a Traditional character with a Simplified
/// form, a full-width letter or digit, or pinyin residue. Scans bytes: decoding every
/// character is what made this the most expensive step of parsing.
fn needs_shadow(text: &str) -> bool {
    let table = &*T2S_BITS;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b'(' && pinyin_residue_len(&text[i..]).is_some() {
                return true;
            }
            i += 1;
        } else if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
            let c = ((b as u32 & 0x0F) << 12)
                | ((bytes[i + 1] as u32 & 0x3F) << 6)
                | (bytes[i + 2] as u32 & 0x3F);
            match c {
                0xFF08 if pinyin_residue_len(&text[i..]).is_some() => return true,
                0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => return true,
                0x3400..=0xFFFF if table[((c - 0x3400) >> 6) as usize] & (1 << (c & 63)) != 0 => {
                    return true;
                }
                _ => {}
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    false
}

/// The matching key of a title or phrase: simplified, ASCII letters and digits, one bracket
/// style, no whitespace, no title marks, quotes or 顿号, lower case.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_ideograph = false;
    let mut iter = s.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if prev_ideograph
            && (c == '(' || c == '（')
            && let Some(len) = pinyin_residue_len(&s[at..])
        {
            while iter.peek().is_some_and(|&(next, _)| next < at + len) {
                iter.next();
            }
            continue;
        }
        prev_ideograph = is_ideograph(c);
        let c = fold_char(c).unwrap_or(c);
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        match c {
            c if c.is_whitespace() => {}
            '《' | '》' | '〈' | '〉' | '<' | '>' | '“' | '”' | '‘' | '’' | '"' | '\'' | '「'
            | '」' | '『' | '』' | '、' | '﹁' | '﹂' => {}
            '[' | '【' | '〔' | '［' => out.push('〔'),
            ']' | '】' | '〕' | '］' => out.push('〕'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The part of a title key that names the matter: from `关于` on when a short issuer name
/// precedes it (`国务院办公厅关于…` and `关于…` share a core), else the whole key.
pub fn title_core(key: &str) -> &str {
    match key.find("关于") {
        Some(at) if key[..at].chars().count() <= 40 => &key[at..],
        _ => key,
    }
}

/// Simplified form of a single character, or ASCII for a full-width letter or digit; `None`
/// when the character stays as it is.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3400}'..='\u{FFFF}' => {
            let table = &*T2S;
            let mapped = table[(c as u32 - 0x3400) as usize];
            (mapped != 0).then(|| char::from_u32(mapped).unwrap_or(c))
        }
        _ => None,
    }
}

/// Converts Traditional characters to Simplified, character by character.
pub fn to_simplified(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => c,
            _ => fold_char(c).unwrap_or(c),
        })
        .collect()
}

/// Makes full-width letters and digits ASCII (`２０２３` → `2023`).
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// True when the text holds Traditional characters that have a different Simplified form.
pub fn has_traditional(s: &str) -> bool {
    s.chars().any(|c| c >= '\u{3400}' && fold_char(c).is_some())
}

/// Character-level Traditional → Simplified table over U+3400..U+FFFF, built once from
/// OpenCC's `TSCharacters` (via hanconv). 0 means "unchanged". Character level keeps every
/// character in place, which the shadow's offset map relies on.
static T2S: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut table = vec![0u32; 0x10000 - 0x3400];
    for (from, to) in hanconv::RawDictionary::TSCharacters.iter() {
        let mut from_chars = from.chars();
        let mut to_chars = to.chars();
        if let (Some(f), None, Some(t)) = (from_chars.next(), from_chars.next(), to_chars.next())
            && f != t
            && ('\u{3400}'..='\u{FFFF}').contains(&f)
        {
            table[(f as u32 - 0x3400) as usize] = t as u32;
        }
    }
    table
});

/// One bit per character of `T2S` that changes: small enough to stay in cache while a whole
/// document is scanned.
static T2S_BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; (0x10000 - 0x3400) / 64 + 1];
    for (i, &mapped) in T2S.iter().enumerate() {
        if mapped != 0 {
            let c = i as u32 + 0x3400;
            bits[((c - 0x3400) >> 6) as usize] |= 1 << (c & 63);
        }
    }
    bits
});

/// Length in bytes of pinyin residue such as `(chǎn)` or `（lǐng）` at the start of `s`.
/// It must carry a tone mark: `(de)` or `(a)` in running text is left alone.
pub fn pinyin_residue_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let mut letters = 0;
    let mut tone = false;
    for (at, c) in chars {
        match c {
            'a'..='z' | 'ü' => letters += 1,
            'ā' | 'á' | 'ǎ' | 'à' | 'ē' | 'é' | 'ě' | 'è' | 'ī' | 'í' | 'ǐ' | 'ì' | 'ō' | 'ó'
            | 'ǒ' | 'ò' | 'ū' | 'ú' | 'ǔ' | 'ù' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ń' | 'ň' | 'ǹ' =>
            {
                letters += 1;
                tone = true;
            }
            c if c == close => {
                return (tone && (1..=6).contains(&letters)).then_some(at + c.len_utf8());
            }
            _ => return None,
        }
        if letters > 6 {
            return None;
        }
    }
    None
}

/// Parses a number written in Chinese numerals (`十一`, `九十九`, `一百零五`, `二〇〇五`) or digits.
pub fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' | '○' | 'Ｏ' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    // Positional form without units: 二〇〇五.
    if !s.contains(['十', '百', '千']) {
        let mut n: u32 = 0;
        for c in s.chars() {
            n = n.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(n);
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                current = Some(digit(c)?);
                continue;
            }
        };
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    Some(total + current.unwrap_or(0))
}

/// Writes a number in Chinese numerals, as headings use them (`十一`, `二十`, `九十九`).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n - 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", chinese_numeral(rest)),
                _ => chinese_numeral(rest),
            };
            format!("{}百{tail}", DIGITS[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_bracket_and_width_variants_share_a_key() {
        assert_eq!(key("中發(fā)[2004]20號"), key("中发〔2004〕20号"));
        assert_eq!(key("中发［２００４］２０号"), key("中发〔2004〕20号"));
        assert_eq!(
            key("《關於 印發〈如何〉的通知》"),
            key("关于印发《如何》的通知")
        );
        assert_eq!(key("中共中央 国务院关于"), key("中共中央、国务院关于"));
    }

    #[test]
    fn shadow_maps_offsets_back_through_removed_residue() {
        let original = "共產(chǎn)黨員，中發(fā)[2004]２０號";
        let shadow = Shadow::new(original);
        let text = shadow.text(original);
        assert_eq!(text, "共产党员，中发[2004]20号");
        let at = text.find("中发").unwrap();
        let end = text.len();
        let range = shadow.range_to_original(TextRange::new(at, end));
        assert_eq!(&original[range.range()], "中發(fā)[2004]２０號");
        let party = text.find("党").unwrap();
        assert_eq!(
            shadow.start_to_original(party),
            original.find("黨").unwrap()
        );
        assert_eq!(shadow.residues.len(), 2);
        assert_eq!(&original[shadow.residues[0].range()], "(chǎn)");
        // A part that ends on a full-width digit ends after the whole digit.
        let year = text.find("20号").unwrap();
        let range = shadow.range_to_original(TextRange::new(year, year + 2));
        assert_eq!(&original[range.range()], "２０");
    }

    #[test]
    fn shadow_of_plain_simplified_text_is_the_text() {
        let original = "现就有关问题通知如下：(一)";
        let shadow = Shadow::new(original);
        assert!(shadow.is_identity());
        assert_eq!(shadow.text(original), original);
    }

    #[test]
    fn residue_needs_a_tone_mark_and_a_preceding_ideograph() {
        assert_eq!(pinyin_residue_len("(chǎn)黨"), Some("(chǎn)".len()));
        assert_eq!(pinyin_residue_len("(de)"), None);
        assert_eq!(pinyin_residue_len("(市、区)"), None);
        assert_eq!(key("县(xiàn)"), key("县"));
        assert_eq!(key("see (à)"), "see(à)");
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for n in [1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 999] {
            assert_eq!(parse_number(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(parse_number("二〇〇五"), Some(2005));
        assert_eq!(parse_number("九十一"), Some(91));
        assert_eq!(
            title_core(&key("国务院办公厅关于印发方案的通知")),
            "关于印发方案的通知"
        );
    }
}
