//! The `gongwen` binary.

fn main() -> std::process::ExitCode {
    gongwen::cli::main()
}
