//! Article fields besides the body: title, authors, site, canonical URL, language.

use std::sync::LazyLock;

use regex::Regex;

/// Separators sites put between an article title and their own name.
static TITLE_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:\||-|–|—|·|::|»)\s+").expect("valid title separator"));

/// The longest a trailing site name in a title may be, in words.
const MAX_SITE_SUFFIX_WORDS: usize = 4;

/// Remove a trailing " | Site" (or " - Site", " — Site"...) from a page title. The tail is
/// dropped when it names the site, or when it is short and the head is clearly longer.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(separator) = TITLE_SUFFIX.find_iter(&title).last() else {
        return title;
    };
    let head = title[..separator.start()].trim();
    let tail = title[separator.end()..].trim();
    let names_site = site.is_some_and(|site| {
        let (site, tail) = (simplify(site), simplify(tail));
        !tail.is_empty() && (site.contains(&tail) || tail.contains(&site))
    });
    let tail_words = tail.split_whitespace().count();
    let head_words = head.split_whitespace().count();
    let looks_like_site = tail_words <= MAX_SITE_SUFFIX_WORDS && head_words > 2 * tail_words;
    if !head.is_empty() && (names_site || looks_like_site) {
        head.to_string()
    } else {
        title
    }
}

/// Lowercase letters and digits only, so "The Guardian" matches "theguardian.com".
fn simplify(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_start_matches("www")
        .to_string()
}

/// Split trafilatura's `"A; B"` author string; drop empties and duplicates.
pub fn split_authors(authors: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for author in authors.split(';').map(str::trim).filter(|a| !a.is_empty()) {
        if !out.iter().any(|seen| seen.eq_ignore_ascii_case(author)) {
            out.push(author.to_string());
        }
    }
    out
}

/// The host of an absolute URL without a leading `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    Some(host.trim_start_matches("www.").to_string())
}

/// A language tag cut to its ISO 639-1 part (`en-GB` -> `en`), when it looks like one.
pub fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_removed_from_titles() {
        assert_eq!(
            clean_title(
                "Storm hits the coast | The Guardian",
                Some("theguardian.com")
            ),
            "Storm hits the coast"
        );
        assert_eq!(
            clean_title("Markets fall again as rates rise - Reuters", None),
            "Markets fall again as rates rise"
        );
        // A dash inside a short title is part of it.
        assert_eq!(
            clean_title("Spider-Man - Review", None),
            "Spider-Man - Review"
        );
    }

    #[test]
    fn authors_and_languages_are_normalised() {
        assert_eq!(
            split_authors("Ann Lee; Bob Ray; ann lee"),
            vec!["Ann Lee", "Bob Ray"]
        );
        assert_eq!(language_code("en-GB").as_deref(), Some("en"));
        assert_eq!(language_code("english"), None);
        assert_eq!(
            host_of("https://www.bbc.co.uk/news/1").as_deref(),
            Some("bbc.co.uk")
        );
    }
}
