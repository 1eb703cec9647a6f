//! Dates as 公文 write them: `2018年10月27日`, `二〇一二年七月一日`, `20050628`, `2024-02-17`.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::parse_number;

/// A calendar date; month and day may be unknown (`2005年`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid =
            (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Parses a string that is one date, in any of the forms above.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some(caps) = CHINESE_DATE.captures(s)
            && caps.get(0).is_some_and(|m| m.len() == s.len())
        {
            return date_from_caps(&caps);
        }
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Date::new(
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..].parse().ok()?,
            );
        }
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if let [y, m, d] = parts[..] {
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
        None
    }

    /// ISO form `2018-10-27` (or `2018-10`, `2018`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

impl fmt::Display for Date {
    /// The 公文 form: `2018年10月27日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年", self.year)?;
        if let Some(m) = self.month {
            write!(f, "{m}月")?;
            if let Some(d) = self.day {
                write!(f, "{d}日")?;
            }
        }
        Ok(())
    }
}

const NUMERAL: &str = "[0-9０-９]{1,4}|[零〇○Ｏ一二三四五六七八九十]{1,4}";

/// `2018年10月27日` or in Chinese numerals; month and day may be missing.
pub static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({NUMERAL})\s*年(?:\s*({NUMERAL})\s*月(?:\s*({NUMERAL})\s*日)?)?"
    ))
    .expect("valid regex")
});

pub fn date_from_caps(caps: &regex::Captures<'_>) -> Option<Date> {
    let number = |i: usize| {
        caps.get(i)
            .and_then(|m| parse_number(&crate::normalize::fold_width(m.as_str())))
    };
    let year = number(1)?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let month = number(2).filter(|m| (1..=12).contains(m)).map(|m| m as u8);
    let day = month
        .and(number(3))
        .filter(|d| (1..=31).contains(d))
        .map(|d| d as u8);
    Some(Date {
        year: year as u16,
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_forms() {
        assert_eq!(Date::parse("2018年10月27日").unwrap().iso(), "2018-10-27");
        assert_eq!(
            Date::parse("2019年01月27日").unwrap().to_string(),
            "2019年1月27日"
        );
        assert_eq!(
            Date::parse("二〇一二年七月一日").unwrap().iso(),
            "2012-07-01"
        );
        assert_eq!(Date::parse("20050628").unwrap().iso(), "2005-06-28");
        assert_eq!(Date::parse("2024-02-17").unwrap().iso(), "2024-02-17");
        assert_eq!(
            Date::parse("２０２３年５月８日").unwrap().iso(),
            "2023-05-08"
        );
        assert!(Date::parse("年月日").is_none());
        assert!(Date::parse("20051399").is_none());
    }
}
