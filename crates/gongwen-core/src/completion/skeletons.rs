//! In an empty document: a skeleton of each of the 15 statutory kinds, as a snippet laid out
//! per GB/T 9704-2012 in plain text: 版头 (发文机关标志, 发文字号, 签发人 for documents sent
//! up), title, 主送机关, 正文 with the kind's own opening and closing formulae, 落款
//! (发文机关署名) and 成文日期. Kinds without a 主送机关 (公告, 通告, 公报, 命令) have none.

use crate::completion::{
    Completion, CompletionKind, CompletionList, CompletionOptions, Cursor, filter_text,
};
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::kind::DocKind;

/// A document skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skeleton {
    pub kind: DocKind,
    /// The snippet (`${1:发文机关}` placeholders; a repeated number mirrors the first).
    pub snippet: &'static str,
    /// The kind's closing formula, as it stands in the snippet.
    pub closing: &'static str,
}

/// One skeleton per statutory kind, in the order of the 2012 条例.
pub static SKELETONS: [Skeleton; 15] = [
    Skeleton {
        kind: DocKind::Resolution,
        snippet: "${1:会议名称}关于${2:事由}的决议\n\n（${3:年月日}${1:会议名称}通过）\n\n\u{3000}\u{3000}${4:正文}\n\n\u{3000}\u{3000}本决议自通过之日起施行。\n",
        closing: "本决议自通过之日起施行。",
    },
    Skeleton {
        kind: DocKind::Decision,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的决定\n\n${6:主送机关}：\n\n\u{3000}\u{3000}${7:正文}\n\n\u{3000}\u{3000}特此决定。\n\n${1:发文机关}\n\n${8:成文日期}\n",
        closing: "特此决定。",
    },
    Skeleton {
        kind: DocKind::Order,
        snippet: "${1:发文机关}令\n\n第${2:序号}号\n\n\u{3000}\u{3000}《${3:法规名称}》已经${4:会议名称}通过，现予公布，自${5:施行日期}起施行。\n\n${6:职务}\u{3000}${7:签署人}\n\n${8:成文日期}\n",
        closing: "现予公布，自",
    },
    Skeleton {
        kind: DocKind::Communique,
        snippet: "${1:发布机关}公报\n\n（${2:第×号}）\n\n\u{3000}\u{3000}${3:正文}\n\n\u{3000}\u{3000}特此公报。\n\n${1:发布机关}\n\n${4:发布日期}\n",
        closing: "特此公报。",
    },
    Skeleton {
        kind: DocKind::Announcement,
        snippet: "${1:发文机关}公告\n\n（第${2:序号}号）\n\n\u{3000}\u{3000}${3:正文}\n\n\u{3000}\u{3000}特此公告。\n\n${1:发文机关}\n\n${4:成文日期}\n",
        closing: "特此公告。",
    },
    Skeleton {
        kind: DocKind::PublicNotice,
        snippet: "${1:发文机关}通告\n\n\u{3000}\u{3000}${2:正文}\n\n\u{3000}\u{3000}特此通告。\n\n${1:发文机关}\n\n${3:成文日期}\n",
        closing: "特此通告。",
    },
    Skeleton {
        kind: DocKind::Opinion,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的意见\n\n${6:主送机关}：\n\n\u{3000}\u{3000}为${7:目的}，现提出如下意见。\n\n\u{3000}\u{3000}一、${8:总体要求}\n\n\u{3000}\u{3000}${9:正文}\n\n\u{3000}\u{3000}各地区各部门要结合实际，认真抓好贯彻落实。\n\n${1:发文机关}\n\n${10:成文日期}\n",
        closing: "各地区各部门要结合实际，认真抓好贯彻落实。",
    },
    Skeleton {
        kind: DocKind::Notice,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的通知\n\n${6:主送机关}：\n\n\u{3000}\u{3000}为${7:目的}，现就有关事项通知如下：\n\n\u{3000}\u{3000}一、${8:小标题}\n\n\u{3000}\u{3000}${9:正文}\n\n\u{3000}\u{3000}特此通知。\n\n${1:发文机关}\n\n${10:成文日期}\n",
        closing: "特此通知。",
    },
    Skeleton {
        kind: DocKind::Circular,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的通报\n\n${6:主送机关}：\n\n\u{3000}\u{3000}${7:事实经过}现将有关情况通报如下：\n\n\u{3000}\u{3000}${8:正文}\n\n\u{3000}\u{3000}特此通报。\n\n${1:发文机关}\n\n${9:成文日期}\n",
        closing: "特此通报。",
    },
    Skeleton {
        kind: DocKind::Report,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\u{3000}\u{3000}\u{3000}\u{3000}签发人：${5:签发人}\n\n${1:发文机关}关于${6:事由}的报告\n\n${7:上级机关}：\n\n\u{3000}\u{3000}${8:缘由}现将有关情况报告如下：\n\n\u{3000}\u{3000}${9:正文}\n\n\u{3000}\u{3000}特此报告。\n\n${1:发文机关}\n\n${10:成文日期}\n",
        closing: "特此报告。",
    },
    Skeleton {
        kind: DocKind::Request,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\u{3000}\u{3000}\u{3000}\u{3000}签发人：${5:签发人}\n\n${1:发文机关}关于${6:事由}的请示\n\n${7:上级机关}：\n\n\u{3000}\u{3000}${8:缘由}现将有关情况请示如下：\n\n\u{3000}\u{3000}${9:请示事项}\n\n\u{3000}\u{3000}以上请示，请予批复。\n\n${1:发文机关}\n\n${10:成文日期}\n\n（联系人：${11:姓名}，电话：${12:号码}）\n",
        closing: "以上请示，请予批复。",
    },
    Skeleton {
        kind: DocKind::Reply,
        snippet: "${1:发文机关}文件\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的批复\n\n${6:来文机关}：\n\n\u{3000}\u{3000}你${7:单位}《关于${8:事由}的请示》（${9:来文文号}）收悉。现批复如下：\n\n\u{3000}\u{3000}${10:批复意见}\n\n\u{3000}\u{3000}此复。\n\n${1:发文机关}\n\n${11:成文日期}\n",
        closing: "此复。",
    },
    Skeleton {
        kind: DocKind::Motion,
        snippet: "${1:提案机关}关于提请审议${2:事由}的议案\n\n${3:人民代表大会常务委员会}：\n\n\u{3000}\u{3000}${4:正文}\n\n\u{3000}\u{3000}现提请审议。\n\n${5:职务}\u{3000}${6:签署人}\n\n${7:成文日期}\n",
        closing: "现提请审议。",
    },
    Skeleton {
        kind: DocKind::Letter,
        snippet: "${1:发文机关}\n\n${2:机关代字}〔${3:年份}〕${4:序号}号\n\n${1:发文机关}关于${5:事由}的函\n\n${6:主送机关}：\n\n\u{3000}\u{3000}${7:缘由}现将有关事项函告如下：\n\n\u{3000}\u{3000}${8:正文}\n\n\u{3000}\u{3000}特此函告。\n\n${1:发文机关}\n\n${9:成文日期}\n",
        closing: "特此函告。",
    },
    Skeleton {
        kind: DocKind::Minutes,
        snippet: "${1:会议名称}纪要\n\n（第${2:期数}期）\n\n${3:印发机关}\u{3000}\u{3000}\u{3000}\u{3000}${4:印发日期}\n\n\u{3000}\u{3000}${5:时间}，${6:主持人}主持召开${1:会议名称}，研究${7:议题}。现纪要如下：\n\n\u{3000}\u{3000}一、${8:议定事项}\n\n\u{3000}\u{3000}特此纪要。\n\n出席：${9:出席人员}\n\n列席：${10:列席人员}\n",
        closing: "特此纪要。",
    },
];

/// The snippet's text with its placeholders filled by their defaults, for clients without
/// snippet support.
pub fn snippet_to_text(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut rest = snippet;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(inner) = after.strip_prefix('{')
            && let Some(close) = inner.find('}')
        {
            let body = &inner[..close];
            if let Some((_, default)) = body.split_once(':') {
                out.push_str(default);
            }
            rest = &inner[close + 1..];
        } else {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                out.push('$');
            }
            rest = &after[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// The longest text that may stand in an otherwise empty document while its kind's name is
/// typed (`请示`).
const MAX_TYPED: usize = 4;

pub(crate) fn complete(
    doc: &Document,
    cursor: &Cursor,
    options: &CompletionOptions,
) -> Option<CompletionList> {
    let typed = cursor.before.trim_start_matches(crate::text::is_indent);
    let rest_is_empty = doc.text[..cursor.line_start].trim().is_empty()
        && doc.text[cursor.offset..].trim().is_empty();
    if !rest_is_empty || typed.chars().count() > MAX_TYPED || typed.contains(char::is_whitespace) {
        return None;
    }
    let range = cursor.range_from(cursor.offset - typed.len());
    let mut items = Vec::new();
    for skeleton in &SKELETONS {
        let name = skeleton.kind.name();
        if !typed.is_empty() && !name.contains(typed) && !typed.contains(name) {
            continue;
        }
        let label = if options.english {
            format!("{name} ({}) skeleton", skeleton.kind.english())
        } else {
            format!("{name}（公文模板）")
        };
        let detail = if options.english {
            "GB/T 9704 layout: header, addressee, body, signature, date".to_string()
        } else {
            "GB/T 9704 版式：版头、主送机关、正文、落款、成文日期".to_string()
        };
        items.push(Completion {
            label,
            kind: CompletionKind::Skeleton,
            edit: Edit {
                range,
                text: skeleton.snippet.to_string(),
            },
            additional_edits: Vec::new(),
            filter_text: filter_text(typed, name),
            sort_text: String::new(),
            detail,
            documentation: Some(snippet_to_text(skeleton.snippet)),
            snippet: true,
        });
    }
    if items.is_empty() && !typed.is_empty() {
        return None;
    }
    Some(super::finish(CompletionList {
        items,
        is_incomplete: false,
    }))
}
