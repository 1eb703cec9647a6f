//! gongwen: the command-line tool and language server around `gongwen-core`.
//!
//! This package owns everything that touches the outside world: files and encodings, the
//! archive walk, configuration files, the terminal and the LSP channel.

pub mod cli;
pub mod config;
pub mod disk;
pub mod lsp;
