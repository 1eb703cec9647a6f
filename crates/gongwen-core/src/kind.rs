//! 文种 (`DocKind`): the 15 kinds of the 2012 条例 plus 讲话, 汇报 and 消息.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DocKind {
    Resolution,   // 决议
    Decision,     // 决定
    Order,        // 命令（令）
    Communique,   // 公报
    Announcement, // 公告
    PublicNotice, // 通告
    Opinion,      // 意见
    Notice,       // 通知
    Circular,     // 通报
    Report,       // 报告
    Request,      // 请示
    Reply,        // 批复
    Motion,       // 议案
    Letter,       // 函
    Minutes,      // 纪要
    Speech,       // 讲话
    WorkReport,   // 汇报
    News,         // 消息
}

impl DocKind {
    pub const ALL: [DocKind; 18] = [
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::Order,
        DocKind::Communique,
        DocKind::Announcement,
        DocKind::PublicNotice,
        DocKind::Opinion,
        DocKind::Notice,
        DocKind::Circular,
        DocKind::Report,
        DocKind::Request,
        DocKind::Reply,
        DocKind::Motion,
        DocKind::Letter,
        DocKind::Minutes,
        DocKind::Speech,
        DocKind::WorkReport,
        DocKind::News,
    ];

    /// The 15 statutory kinds of the 2012 条例, in its order.
    pub const STATUTORY: [DocKind; 15] = [
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::Order,
        DocKind::Communique,
        DocKind::Announcement,
        DocKind::PublicNotice,
        DocKind::Opinion,
        DocKind::Notice,
        DocKind::Circular,
        DocKind::Report,
        DocKind::Request,
        DocKind::Reply,
        DocKind::Motion,
        DocKind::Letter,
        DocKind::Minutes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DocKind::Resolution => "决议",
            DocKind::Decision => "决定",
            DocKind::Order => "命令",
            DocKind::Communique => "公报",
            DocKind::Announcement => "公告",
            DocKind::PublicNotice => "通告",
            DocKind::Opinion => "意见",
            DocKind::Notice => "通知",
            DocKind::Circular => "通报",
            DocKind::Report => "报告",
            DocKind::Request => "请示",
            DocKind::Reply => "批复",
            DocKind::Motion => "议案",
            DocKind::Letter => "函",
            DocKind::Minutes => "纪要",
            DocKind::Speech => "讲话",
            DocKind::WorkReport => "汇报",
            DocKind::News => "消息",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            DocKind::Resolution => "resolution",
            DocKind::Decision => "decision",
            DocKind::Order => "order",
            DocKind::Communique => "communique",
            DocKind::Announcement => "announcement",
            DocKind::PublicNotice => "public notice",
            DocKind::Opinion => "opinion",
            DocKind::Notice => "notice",
            DocKind::Circular => "circular",
            DocKind::Report => "report",
            DocKind::Request => "request",
            DocKind::Reply => "reply",
            DocKind::Motion => "motion",
            DocKind::Letter => "letter",
            DocKind::Minutes => "minutes",
            DocKind::Speech => "speech",
            DocKind::WorkReport => "work report",
            DocKind::News => "news",
        }
    }

    /// Parses a kind's name (`通知`, `命令`, `令`, `会议纪要`, `复函`).
    pub fn from_name(name: &str) -> Option<DocKind> {
        let name = name.trim();
        Some(match name {
            "令" | "命令" => DocKind::Order,
            "会议纪要" => DocKind::Minutes,
            "复函" => DocKind::Letter,
            "讲话稿" | "发言" | "致辞" => DocKind::Speech,
            "新闻" => DocKind::News,
            _ => return DocKind::ALL.into_iter().find(|k| k.name() == name),
        })
    }

    /// The kind named by the end of a title (`…的通知` → 通知, `…情况汇报` → 汇报,
    /// `…的复函` → 函). Titles ending in anything else (`条例`, `办法`) have none.
    pub fn from_title(title: &str) -> Option<DocKind> {
        let title = title.trim_end_matches(|c: char| c.is_whitespace() || "》」”）)".contains(c));
        // A trailing (试行) or (草案) does not change the kind.
        let title = title
            .strip_suffix("（试行）")
            .or_else(|| title.strip_suffix("(试行)"))
            .unwrap_or(title);
        const ENDINGS: &[(&str, DocKind)] = &[
            ("会议纪要", DocKind::Minutes),
            ("讲话", DocKind::Speech),
            ("致辞", DocKind::Speech),
            ("发言", DocKind::Speech),
            ("汇报", DocKind::WorkReport),
            ("决议", DocKind::Resolution),
            ("决定", DocKind::Decision),
            ("命令", DocKind::Order),
            ("公报", DocKind::Communique),
            ("公告", DocKind::Announcement),
            ("通告", DocKind::PublicNotice),
            ("意见", DocKind::Opinion),
            ("通知", DocKind::Notice),
            ("通报", DocKind::Circular),
            ("报告", DocKind::Report),
            ("请示", DocKind::Request),
            ("批复", DocKind::Reply),
            ("议案", DocKind::Motion),
            ("纪要", DocKind::Minutes),
            ("函", DocKind::Letter),
        ];
        ENDINGS
            .iter()
            .find(|(ending, _)| title.ends_with(ending))
            .map(|&(_, kind)| kind)
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_title_ending() {
        assert_eq!(
            DocKind::from_title("国务院关于投资体制改革的决定"),
            Some(DocKind::Decision)
        );
        assert_eq!(
            DocKind::from_title("国务院办公厅关于调整白银经济政策问题的复函"),
            Some(DocKind::Letter)
        );
        assert_eq!(
            DocKind::from_title("梅州市先进性教育活动学习培训情况汇报"),
            Some(DocKind::WorkReport)
        );
        assert_eq!(DocKind::from_title("专利代理条例"), None);
        assert_eq!(DocKind::STATUTORY.len(), 15);
        for kind in DocKind::ALL {
            assert_eq!(DocKind::from_name(kind.name()), Some(kind));
        }
    }
}
