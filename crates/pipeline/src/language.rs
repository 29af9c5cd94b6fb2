//! Language of an article whose source does not state one (plain text, Markdown, most
//! records), detected with `whatlang` and reported as an ISO 639-1 code like the languages
//! that sources state (`<html lang>`, record `language` fields).

/// Enough text for trigram statistics to mean something; shorter texts stay unknown.
const MIN_CHARS: usize = 40;
/// Detection cost grows with length; the opening of an article is plenty.
const SAMPLE_CHARS: usize = 2000;

pub(crate) fn detect(title: &str, body: &[String]) -> Option<String> {
    let mut sample = String::with_capacity(SAMPLE_CHARS);
    sample.push_str(title);
    for paragraph in body {
        if sample.len() >= SAMPLE_CHARS {
            break;
        }
        sample.push('\n');
        sample.push_str(paragraph);
    }
    let sample: String = sample.chars().take(SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphanumeric()).count() < MIN_CHARS / 4 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    // CJK scripts are unambiguous even in short texts; Latin-script languages need evidence.
    let short = sample.chars().count() < MIN_CHARS;
    if !info.is_reliable() && (short || info.confidence() < 0.5) {
        return None;
    }
    let code = info.lang().code();
    Some(iso_639_1(code).unwrap_or(code).to_string())
}

/// ISO 639-3 (whatlang) to ISO 639-1 for the languages news is mostly written in; others
/// keep their three-letter code rather than being guessed.
fn iso_639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "eng" => "en",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "ces" => "cs",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "fin" => "fi",
        "tur" => "tr",
        "ell" => "el",
        "hun" => "hu",
        "ron" => "ro",
        "bul" => "bg",
        "hrv" => "hr",
        "srp" => "sr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "ben" => "bn",
        "urd" => "ur",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<String> {
        vec![text.to_string()]
    }

    #[test]
    fn common_news_languages_are_detected() {
        let en = "The company said on Tuesday that it would open a new plant next year.";
        assert_eq!(detect("Plant opens", &body(en)).as_deref(), Some("en"));
        let de = "Das Unternehmen hat am Donnerstag seinen ersten Laden in Berlin eröffnet und will im Herbst nach Frankreich.";
        assert_eq!(detect("Neuer Laden", &body(de)).as_deref(), Some("de"));
        let zh = "葡萄牙电动滑板车制造商周三表示，公司计划在二零二零年进入德国和法国市场。";
        assert_eq!(detect("计划", &body(zh)).as_deref(), Some("zh"));
    }

    #[test]
    fn too_little_text_stays_unknown() {
        assert_eq!(detect("Ok", &body("Yes.")), None);
        assert_eq!(detect("", &[]), None);
    }
}
