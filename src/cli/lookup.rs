//! `gongwen lookup`: which directive a 文号 or a title names.

use std::io::Write;

use clap::Args;
use gongwen_core::archive::{Archive, LookupMatch};
use serde_json::{Value, json};

use crate::cli::{ArchiveArgs, Exit, configured_archive, error, lang};
use crate::config::Lang;

#[derive(Args, Debug)]
pub struct LookupArgs {
    /// A 文号 or a title, in any form (`中發[2004]20號`, `《关于…的通知》`, `关于…的通知`).
    pub query: String,
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Print the matches as JSON.
    #[arg(long)]
    pub json: bool,
    /// How many matches to print.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
}

pub fn run(args: &LookupArgs, out: &mut dyn Write) -> Exit {
    let (options, loaded) = match configured_archive(&args.archive) {
        Ok(found) => found,
        Err(err) => {
            error(err);
            return Exit::Error;
        }
    };
    let archive = &loaded.archive;
    let matches = archive.lookup(&args.query, args.limit.max(1));
    if args.json {
        let value = json!({
            "query": args.query,
            "matches": matches.iter().map(|m| match_json(archive, m)).collect::<Vec<_>>(),
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        print_human(out, archive, &args.query, &matches, lang(&options));
    }
    if matches.is_empty() {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// One match as the JSON of `gongwen lookup --json`.
pub fn match_json(archive: &Archive, m: &LookupMatch) -> Value {
    let directive = archive.directive(m.directive);
    let doc = m.doc.map(|d| archive.doc(d));
    let meta = doc.map(|d| &d.meta);
    let title = doc
        .and_then(|d| d.meta.title.as_ref().map(|t| t.value.clone()))
        .or_else(|| archive.display_title(m.directive).map(str::to_string));
    let number = meta
        .and_then(|meta| meta.doc_number.as_ref().map(|f| f.value.to_string()))
        .or_else(|| directive.number.as_ref().map(ToString::to_string));
    let kind = meta
        .and_then(|meta| meta.kind.as_ref().map(|f| f.value.name().to_string()))
        .or_else(|| {
            title
                .as_deref()
                .and_then(gongwen_core::kind::DocKind::from_title)
                .map(|k| k.name().to_string())
        });
    json!({
        "title": title,
        "doc_number": number,
        "issuer": meta.and_then(|meta| meta.issuer.as_ref().map(|f| f.value.clone())),
        "date": meta.and_then(|meta| meta.date.as_ref().map(|f| f.value.iso())),
        "kind": kind,
        "path": doc.map(|d| d.path.clone()),
        "line": doc.and_then(|d| d.meta.title_line.map(|l| l + 1)),
        "score": (m.score * 1000.0).round() / 1000.0,
        "match": m.kind.name(),
        "cited_by": directive.cites.len(),
        "citations": directive.cites.iter().map(|&c| {
            let cite = archive.cite(c);
            json!({"path": archive.doc(cite.doc).path, "line": cite.position.line + 1})
        }).collect::<Vec<_>>(),
    })
}

fn print_human(
    out: &mut dyn Write,
    archive: &Archive,
    query: &str,
    matches: &[LookupMatch],
    lang: Lang,
) {
    let zh = lang == Lang::Zh;
    if matches.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!("未找到：{query}")
            } else {
                format!("no match: {query}")
            }
        );
        return;
    }
    for (i, m) in matches.iter().enumerate() {
        let value = match_json(archive, m);
        let field = |key: &str| {
            value[key]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| "—".to_string())
        };
        let _ = writeln!(out, "{}. [{:.2}] {}", i + 1, m.score, field("title"));
        let _ = if zh {
            writeln!(
                out,
                "   文号：{}　发文机关：{}　日期：{}　文种：{}",
                field("doc_number"),
                field("issuer"),
                field("date"),
                field("kind")
            )
        } else {
            writeln!(
                out,
                "   number: {}  issuer: {}  date: {}  kind: {}",
                field("doc_number"),
                field("issuer"),
                field("date"),
                field("kind")
            )
        };
        let location = match (value["path"].as_str(), value["line"].as_u64()) {
            (Some(path), Some(line)) => format!("{path}:{line}"),
            (Some(path), None) => path.to_string(),
            _ if zh => "档案中无原文，仅见于引用".to_string(),
            _ => "not in the archive, known from citations".to_string(),
        };
        let cites = value["citations"].as_array().map_or(0, Vec::len);
        let _ = if zh {
            writeln!(
                out,
                "   位置：{location}\n   被引用：{cites} 处（{}）",
                m.kind.name()
            )
        } else {
            writeln!(
                out,
                "   at: {location}\n   cited: {cites} times ({})",
                m.kind.name()
            )
        };
        for citation in value["citations"].as_array().into_iter().flatten().take(10) {
            let _ = writeln!(
                out,
                "     {}:{}",
                citation["path"].as_str().unwrap_or_default(),
                citation["line"]
            );
        }
        if cites > 10 {
            let _ = writeln!(
                out,
                "     …{}",
                if zh {
                    format!("另 {} 处", cites - 10)
                } else {
                    format!("{} more", cites - 10)
                }
            );
        }
    }
}
