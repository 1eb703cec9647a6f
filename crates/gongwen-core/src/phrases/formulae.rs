//! The built-in table of 公文 formulae (`data/formulae.tsv`): `kind<TAB>place<TAB>text`,
//! kind `*` for any kind. Embedded in the binary and parsed once.

use std::sync::LazyLock;

use crate::kind::DocKind;
use crate::phrases::place::Place;

pub(crate) const DATA: &str = include_str!("../../data/formulae.tsv");

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// `None` for a formula of any kind.
    pub kind: Option<DocKind>,
    pub place: Place,
    pub text: String,
}

/// Every row of the table, in file order. A malformed row is skipped (the test below keeps
/// the file well-formed).
pub static FORMULAE: LazyLock<Vec<Formula>> = LazyLock::new(|| {
    DATA.lines()
        .filter_map(|line| parse_line(line).ok().flatten())
        .collect()
});

/// `Ok(None)` for comments and blank lines.
fn parse_line(line: &str) -> Result<Option<Formula>, String> {
    if line.starts_with('#') || line.trim().is_empty() {
        return Ok(None);
    }
    let mut fields = line.split('\t');
    let (Some(kind), Some(place), Some(text), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(format!("not three tab-separated fields: {line:?}"));
    };
    let kind = match kind {
        "*" => None,
        name => Some(DocKind::from_name(name).ok_or_else(|| format!("unknown kind {name:?}"))?),
    };
    let place = Place::from_name(place).ok_or_else(|| format!("unknown place {place:?}"))?;
    if text.is_empty() || text.trim() != text {
        return Err(format!("empty text or stray spaces: {line:?}"));
    }
    Ok(Some(Formula {
        kind,
        place,
        text: text.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulae_file_is_well_formed_sorted_and_free_of_duplicates() {
        let rows: Vec<&str> = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        for row in &rows {
            parse_line(row).unwrap_or_else(|e| panic!("{e}"));
        }
        // Byte order, as `LC_ALL=C sort` keeps it.
        for pair in rows.windows(2) {
            assert!(
                pair[0].as_bytes() < pair[1].as_bytes(),
                "out of order or duplicated: {:?} then {:?}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(FORMULAE.len(), rows.len());
        // Every statutory kind has a closing formula.
        for kind in DocKind::STATUTORY {
            assert!(
                FORMULAE
                    .iter()
                    .any(|f| f.kind == Some(kind) && f.place == Place::Closing),
                "no closing formula for {kind}"
            );
        }
    }
}
