//! HTML extraction on a hand-written news page: the article fields and a body without
//! navigation, related links or the headline.

use storyline_extract::html::extract_html;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Harbour bridge reopens after two years of repairs | Coastal Times</title>
<meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Jane Porter">
<link rel="canonical" href="https://www.coastaltimes.example/news/harbour-bridge-reopens">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour bridge reopens after two years of repairs</h1>
<p>The harbour bridge reopened to traffic on Monday morning after two years of repairs that
cost the city more than forty million pounds, officials said.</p>
<p>Engineers replaced the steel cables and the deck, which had been damaged by storms in the
winter of the previous year, and widened the footpath on the northern side of the bridge.</p>
<p>Local businesses welcomed the news. "We lost half of our customers while the bridge was
closed," said the owner of a cafe near the southern end, who expects trade to recover quickly.</p>
<p>The council said buses would return to their old routes from next week, and that a
ceremony to mark the reopening would be held later in the month.</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Ferry prices rise</a></li><li><a href="/b">New car park opens</a></li></ul></aside>
<footer><p>Copyright Coastal Times. All rights reserved.</p></footer>
</body></html>"#;

#[test]
fn article_fields_come_from_the_page_metadata() {
    let extracted = extract_html(PAGE, None);
    assert_eq!(
        extracted.title,
        "Harbour bridge reopens after two years of repairs"
    );
    assert_eq!(extracted.authors, vec!["Jane Porter"]);
    assert_eq!(extracted.site.as_deref(), Some("Coastal Times"));
    assert_eq!(
        extracted.url.as_deref(),
        Some("https://www.coastaltimes.example/news/harbour-bridge-reopens")
    );
    assert_eq!(extracted.lang.as_deref(), Some("en"));
}

#[test]
fn body_is_the_article_paragraphs_only() {
    let extracted = extract_html(PAGE, None);
    assert_eq!(extracted.body.len(), 4, "{:#?}", extracted.body);
    assert!(extracted.body[0].starts_with("The harbour bridge reopened to traffic"));
    assert!(extracted.body[3].ends_with("later in the month."));
    let text = extracted.body.join("\n");
    for boilerplate in ["Home", "Ferry prices", "Copyright", "Related"] {
        assert!(
            !text.contains(boilerplate),
            "{boilerplate} leaked into the body"
        );
    }
    // Paragraph text is whitespace-collapsed and entity-free.
    assert!(extracted
        .body
        .iter()
        .all(|p| !p.contains('\n') && !p.contains("  ")));
}

#[test]
fn junk_input_gives_an_empty_article_not_a_panic() {
    for input in ["", "<html><body></body></html>", "<p> \n </p>"] {
        let extracted = extract_html(input, Some("not a url"));
        assert!(
            extracted.body.is_empty(),
            "{input:?} gave {:?}",
            extracted.body
        );
    }
    for input in ["<<<>>>", "\u{0}\u{1}binary", "<div><div><div><p>deep"] {
        let extracted = extract_html(input, None);
        assert!(extracted.body.iter().all(|p| !p.trim().is_empty()));
    }
}
