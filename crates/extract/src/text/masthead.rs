//! The headline package above a byline. A page render opens with the headline, sometimes a
//! kicker and a dek (standfirst), then the byline and the date, and only then the article.
//! When the byline or the date line stands above the first full paragraph, what the
//! cleaner kept above it is that package, not article text. English only, like the HTML
//! path's lead rule (`html/lead.rs`): outside English news the lead (Vorspann, chapô) that
//! stands there is the article's first paragraph.

use super::byline;
use super::classify::Unit;
use super::stopwords::is_english;

/// The first kept unit longer than this is the article's first full paragraph; a dek is
/// shorter.
const PARAGRAPH_WORDS: usize = 50;

/// Kept units the package may hold above the byline: headline, kicker, dek, a caption.
/// More is a list or a teaser column, not a headline package.
const PACKAGE_UNITS: usize = 4;

pub(crate) const REASON: &str = "above the byline (headline, kicker, dek)";

/// Drop what was kept above the last byline or date line that comes before the article's
/// first full paragraph, and that line itself.
pub(crate) fn cut_above_byline(units: &[Unit], verdicts: &mut [Option<&'static str>]) {
    let Some(first_paragraph) = units
        .iter()
        .zip(verdicts.iter())
        .position(|(unit, verdict)| verdict.is_none() && unit.features.words > PARAGRAPH_WORDS)
    else {
        return;
    };
    let Some(masthead) = (0..first_paragraph)
        .rev()
        .find(|&i| is_masthead_line(&units[i].text))
    else {
        return;
    };
    let kept: Vec<usize> = (0..=masthead).filter(|&i| verdicts[i].is_none()).collect();
    if kept.len() > PACKAGE_UNITS || !is_english(&units[first_paragraph].text) {
        return;
    }
    for i in kept {
        verdicts[i] = Some(REASON);
    }
}

/// A byline ("By Jane Doe", "Nov. 18, 2019 7:04 pm ET") or a bare "By" over the name.
fn is_masthead_line(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("by") || byline::parse(text).is_some()
}
