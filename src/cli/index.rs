//! `gongwen index`: index the archive and say what it holds.

use std::collections::BTreeMap;
use std::io::Write;

use clap::Args;
use serde_json::json;

use crate::cli::{ArchiveArgs, Exit, configured_archive, error, lang};
use crate::config::Lang;
use crate::disk::display_path;

#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &IndexArgs, out: &mut dyn Write) -> Exit {
    let (options, loaded) = match configured_archive(&args.archive) {
        Ok(found) => found,
        Err(err) => {
            error(err);
            return Exit::Error;
        }
    };
    let stats = loaded.archive.stats();
    let seconds = loaded.elapsed.as_secs_f64().max(1e-9);
    let megabytes = stats.bytes as f64 / 1e6;
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for skipped in &loaded.skipped {
        *reasons.entry(skipped.reason.kind()).or_default() += 1;
    }
    if args.json {
        let value = json!({
            "documents": stats.documents,
            "with_doc_number": stats.with_number,
            "citations": stats.citations,
            "directives": stats.directives,
            "cited_only": stats.cited_only,
            "cited_only_with_title_and_number": stats.cited_only_known,
            "bytes": stats.bytes,
            "seconds": seconds,
            "cache": loaded.cache.as_ref().map(|c| json!({
                "path": display_path(&c.path),
                "reused": c.reused,
                "read": c.read,
                "damaged": c.damaged,
                "write_error": c.write_error,
            })),
            "skipped": loaded.skipped.iter().map(|s| json!({"path": display_path(&s.path), "reason": s.reason.kind(), "detail": s.reason.to_string()})).collect::<Vec<_>>(),
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Exit::Ok;
    }
    let rate = format!(
        "{:.1} MB/s, {:.0} files/s",
        megabytes / seconds,
        stats.documents as f64 / seconds
    );
    let _ = match lang(&options) {
        Lang::Zh => writeln!(
            out,
            "已索引 {} 份文档（{megabytes:.1} MB），用时 {seconds:.2} 秒（{rate}）\n  有发文字号：{}\n  引用：{}\n  已知公文：{}，其中仅见于引用：{}（标题与文号成对：{}）\n  跳过：{}",
            stats.documents,
            stats.with_number,
            stats.citations,
            stats.directives,
            stats.cited_only,
            stats.cited_only_known,
            loaded.skipped.len()
        ),
        Lang::En => writeln!(
            out,
            "Indexed {} documents ({megabytes:.1} MB) in {seconds:.2} s ({rate})\n  with a doc number: {}\n  citations: {}\n  known directives: {}, known only from citations: {} (title and number paired: {})\n  skipped: {}",
            stats.documents,
            stats.with_number,
            stats.citations,
            stats.directives,
            stats.cited_only,
            stats.cited_only_known,
            loaded.skipped.len()
        ),
    };
    if let Some(cache) = &loaded.cache {
        let path = display_path(&cache.path);
        let _ = match lang(&options) {
            Lang::Zh => writeln!(
                out,
                "  缓存：复用 {} 个文件，读取 {} 个（{path}）",
                cache.reused, cache.read
            ),
            Lang::En => writeln!(
                out,
                "  cache: {} files reused, {} read ({path})",
                cache.reused, cache.read
            ),
        };
        if let Some(err) = &cache.write_error {
            let _ = match lang(&options) {
                Lang::Zh => writeln!(out, "  缓存未能写入：{err}"),
                Lang::En => writeln!(out, "  cache not written: {err}"),
            };
        }
    }
    for (reason, count) in &reasons {
        let _ = writeln!(out, "    {reason}: {count}");
    }
    for skipped in &loaded.skipped {
        let _ = writeln!(
            out,
            "    {}: {}",
            display_path(&skipped.path),
            skipped.reason
        );
    }
    Exit::Ok
}
