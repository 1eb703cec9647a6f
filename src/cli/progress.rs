//! A progress line on stderr, shown only on a terminal and only once work has taken more
//! than a second.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Progress {
    label: &'static str,
    started: Instant,
    enabled: bool,
    last: Mutex<Option<Instant>>,
}

const DELAY: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(label: &'static str) -> Progress {
        Progress {
            label,
            started: Instant::now(),
            enabled: std::io::stderr().is_terminal(),
            last: Mutex::new(None),
        }
    }

    /// Reports `done` of `total`; cheap when nothing is drawn.
    pub fn update(&self, done: usize, total: usize) {
        if !self.enabled || self.started.elapsed() < DELAY {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.is_some_and(|at| at.elapsed() < EVERY) && done < total {
            return;
        }
        *last = Some(Instant::now());
        let width = 30;
        let filled = (done * width)
            .checked_div(total)
            .unwrap_or(width)
            .min(width);
        let bar: String = "█".repeat(filled) + &"░".repeat(width - filled);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{} {bar} {done}/{total}", self.label);
        let _ = stderr.flush();
    }

    /// Clears the line if anything was drawn.
    pub fn finish(&self) {
        if self.last.lock().map(|l| l.is_some()).unwrap_or(false) {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}
