//! Own fixtures with the same kinds of boilerplate as the seeds, in different words.

use proptest::prelude::*;
use storyline_extract::text::extract_text;
use storyline_extract::Extracted;
use storyline_model::{DateSource, Format};

fn fixture(name: &str, format: Format) -> Extracted {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extract_text(&text, format)
}

fn reason_of<'a>(x: &'a Extracted, needle: &str) -> Vec<&'a str> {
    x.removed
        .iter()
        .filter(|r| r.text.contains(needle))
        .map(|r| r.reason.as_str())
        .collect()
}

#[test]
fn promo_noise_before_the_headline_is_skipped() {
    let x = fixture("promo_noise.txt", Format::Text);
    assert_eq!(
        x.title,
        "Solar maker picks Spain for its first European factory"
    );
    let body = x.body.join("\n");
    for noise in [
        "Advertisement",
        "Sponsored",
        "Get more with",
        "Find out more",
        "first published on",
        "newsletter",
        "Share",
    ] {
        assert!(!body.contains(noise), "{noise:?} kept: {body}");
    }
    assert!(body.matches("Workers assemble panels").count() <= 1);
    assert!(
        x.body[0].starts_with("The solar panel maker said on Tuesday"),
        "{:#?}",
        x.body
    );
    assert!(
        x.body
            .last()
            .unwrap()
            .starts_with("The factory will also house"),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 5, "{:#?}", x.body);
    assert_eq!(reason_of(&x, "Advertisement"), vec!["advertisement label"]);
    assert_eq!(
        reason_of(&x, "sign up for our weekly"),
        vec!["newsletter or subscription promo"]
    );
}

#[test]
fn spec_box_comments_and_copyright_after_the_article_go() {
    let x = fixture("comments_related.txt", Format::Text);
    assert_eq!(
        x.title,
        "Budget tablet maker will not sell in Canada this year, says executive"
    );
    let body = x.body.join("\n");
    for noise in [
        "More from Tablets",
        "Tab S 10",
        "7040 mAh",
        "Member since",
        "gadgetfan88",
        "Canadians always",
        "Trending Now",
        "All rights reserved",
    ] {
        assert!(!body.contains(noise), "{noise:?} kept: {body}");
    }
    assert!(x.body[0].starts_with("The company's head of international sales"));
    let last = x.body.last().unwrap();
    assert!(
        last == "The interview was published in full on the company's blog."
            || last.starts_with("The company did not rule out"),
        "{last}"
    );
    assert_eq!(reason_of(&x, "Battery 7040"), vec!["spec box"]);
    assert_eq!(reason_of(&x, "Canadians always"), vec!["reader comments"]);
    assert!(reason_of(&x, "All rights reserved")
        .iter()
        .all(|r| *r == "copyright or reprint notice" || *r == "reader comments"));
}

#[test]
fn toml_front_matter_markdown_shortcodes_and_entities() {
    let x = fixture("front_matter.md", Format::Markdown);
    assert_eq!(x.title, "City council approves new tram line");
    assert_eq!(x.authors, vec!["Maria Lopez", "Tom Becker"]);
    assert_eq!(x.url.as_deref(), Some("https://news.example.org/tram-line"));
    assert_eq!(x.lang.as_deref(), Some("en"));
    let dates: Vec<(&str, bool)> = x
        .date_candidates
        .iter()
        .map(|d| (d.text.as_str(), d.modified))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("2021-06-14T09:30:00Z", false),
            ("2021-06-15T08:00:00Z", true)
        ]
    );
    assert!(x
        .date_candidates
        .iter()
        .all(|d| d.source == DateSource::FrontMatter));
    assert_eq!(
        x.body,
        vec![
            "The city council voted on Monday to approve a new tram line linking the central station with the university campus, ending a debate that has lasted almost a decade.",
            "Costs and timetable",
            "The project is expected to cost 420 million euros & should open in 2026, the mayor\u{2019}s office said. “This is the biggest transport decision of our generation,” the mayor said.",
            "Opponents argued that the money would be better spent on buses, which can be rerouted as the city grows, but they were outvoted by a large majority.",
        ]
    );
    assert!(x.removed.iter().any(|r| r.reason == "image"));
    assert!(
        x.removed.iter().filter(|r| r.reason == "shortcode").count() >= 3,
        "{:#?}",
        x.removed
    );
}

#[test]
fn byline_with_two_authors_and_hard_wrapped_paragraphs() {
    let x = fixture("byline_wrapped.txt", Format::Text);
    assert_eq!(
        x.title,
        "Harbour authority to dredge channel for larger ships"
    );
    assert_eq!(x.authors, vec!["Ann Lee", "Raj Patel"]);
    assert_eq!(x.date_candidates.len(), 1);
    assert_eq!(x.date_candidates[0].text, "March 3, 2019");
    assert_eq!(x.date_candidates[0].source, DateSource::Byline);
    assert_eq!(x.body.len(), 2, "{:#?}", x.body);
    assert!(x.body[0].contains("would dredge the main shipping channel to allow"));
}

#[test]
fn empty_and_blank_input_give_an_empty_result() {
    for input in ["", "\n\n  \n", "---\n---\n"] {
        let x = extract_text(input, Format::Text);
        assert!(x.body.is_empty() && x.title.is_empty(), "{input:?}: {x:?}");
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}", markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let x = extract_text(&text, format);
        prop_assert!(x.body.iter().all(|p| !p.trim().is_empty()));
    }

    #[test]
    fn never_panics_on_markup_heavy_text(text in "([-+*#>\\[\\]()!_`{}<%= \n:|]|[a-z]{1,6}|\n\n|---\n|\\+\\+\\+\n){0,80}") {
        let _ = extract_text(&text, Format::Markdown);
        let _ = extract_text(&text, Format::Text);
    }
}

#[test]
#[ignore]
fn show() {
    let name = std::env::var("FIX").unwrap();
    let fmt = if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    let x = if name.starts_with('/') {
        extract_text(&std::fs::read_to_string(&name).unwrap(), fmt)
    } else {
        fixture(&name, fmt)
    };
    eprintln!("TITLE {:?}\nAUTHORS {:?}", x.title, x.authors);
    for b in &x.body {
        eprintln!("KEEP {}", &b[..b.len().min(90)]);
    }
    for r in &x.removed {
        eprintln!("DROP [{}] {}", r.reason, &r.text[..r.text.len().min(80)]);
    }
}

#[test]
fn article_of_medium_sentences_stays_and_teasers_far_below_it_go() {
    let x = fixture("teasers_far_below.txt", Format::Text);
    assert_eq!(
        x.title,
        "Harbour ferry timetable changes from March - Coastal Daily"
    );
    // Five medium sentences in a row are the article even though no line is long.
    assert_eq!(x.body.len(), 5, "{:#?}", x.body);
    assert!(x.body[0].starts_with("The harbour ferry will run"));
    assert!(x.body[4].starts_with("A consultation on the summer"));
    // The teaser blurbs are prose too, but a long menu separates them from the article.
    let body = x.body.join("\n");
    assert!(!body.contains("parking charges"), "{body}");
    assert_eq!(
        reason_of(&x, "swing bridge"),
        vec!["outside the article region"]
    );
}

#[test]
fn a_page_in_a_language_without_a_function_word_list_keeps_its_paragraphs() {
    // One English prompt on the page must not make the whole page "English" and its
    // paragraphs "few function words".
    let x = fixture("unknown_language.txt", Format::Text);
    assert_eq!(x.body.len(), 3, "{:#?}", x.body);
    assert!(x.body[0].starts_with("Belediye, şehir merkezini"));
    assert!(x.body[2].starts_with("Esnaf ise"));
}

#[test]
fn a_thread_of_says_lines_after_the_article_is_reader_comments() {
    let page = "Library opens on Sundays\n\n\
        The central library will open on Sundays from next month, the council said on Monday after a trial.\n\n\
        The trial in the autumn drew more than two thousand visitors, most of them families with children.\n\n\
        Staff will work the extra day on a voluntary rota and will be paid overtime, the council added.\n\n\
        bookworm_77 says:\n\nMay 2, 2019 at 10:07 am\n\n\
        About time too. I have been asking for this for years and it is good to see the council listen.\n\n\
        riverside_reader says:\n\nMay 2, 2019 at 11:30 am\n\n\
        Will the cafe be open as well? It would make a Sunday visit with the children much easier.\n\n\
        night_owl says:\n\nMay 2, 2019 at 11:45 am\n\n\
        Good news, though I would rather they kept it open later on weekday evenings instead.\n";
    let x = extract_text(page, Format::Text);
    assert_eq!(x.body.len(), 3, "{:#?}", x.body);
    assert!(x.body[2].starts_with("Staff will work"));
    assert_eq!(reason_of(&x, "cafe be open"), vec!["reader comments"]);
}

#[test]
fn a_markdown_render_takes_its_level_one_heading_as_the_headline() {
    let page = "## Accessibility links\n\n  * [Skip to content](#main)\n\n## Site navigation\n\n\
        * [Home](/)\n  * [News](/news)\n\n\
        # Harbour ferry timetable changes from March\n\n\
        The harbour ferry will run every twenty minutes from the first of March, the port authority said on Monday.\n\n\
        Evening crossings will stop an hour earlier than they do now, the authority said in a statement.\n";
    let x = extract_text(page, Format::Markdown);
    assert_eq!(x.title, "Harbour ferry timetable changes from March");
    assert_eq!(x.body.len(), 2, "{:#?}", x.body);
}

#[test]
fn a_second_copy_of_the_article_text_is_dropped() {
    let p1 = "The central library will open on Sundays from next month, the council said on Monday after a trial.";
    let p2 = "The trial in the autumn drew more than two thousand visitors, most of them families with children.";
    let page = format!("Library opens on Sundays\n\n{p1}\n\n{p2}\n\n{p1} {p2}\n");
    let x = extract_text(&page, Format::Text);
    assert_eq!(x.body, vec![p1.to_string(), p2.to_string()]);
    assert_eq!(
        reason_of(&x, &format!("{p1} {p2}")),
        vec!["repeats text kept above"]
    );
}

#[test]
fn article_text_resumes_after_a_related_articles_box() {
    let page = "Home\n\nNews\n\nComment\n\nSport\n\nLibrary opens on Sundays\n\n\
        The central library will open on Sundays from next month, the council said on Monday after a long trial in the autumn that drew families from across the town and from the villages around it, and after a petition that was signed by more than five thousand people.\n\n\
        Related articles\n\nCouncil to review parking charges\n\nNew bus route for the hospital\n\n\
        The trial drew more than two thousand visitors in its first month, the library said.\n\n\
        Most of them were families with young children, the council said in its report.\n\n\
        Staff will work the extra day on a voluntary rota and will be paid for the overtime.\n\n\
        The library will also open its cafe on Sunday afternoons from the start of the spring.\n";
    let x = extract_text(page, Format::Text);
    let body = x.body.join("\n");
    assert!(body.contains("voluntary rota"), "{body}");
    assert!(body.contains("cafe on Sunday"), "{body}");
    assert!(!body.contains("parking charges"), "{body}");
}

#[test]
fn dated_teasers_below_the_article_go() {
    let page = "Library opens on Sundays\n\n\
        The central library will open on Sundays from next month, the council said on Monday after a long trial in the autumn that drew families from across the town and from the villages around it, and after a petition signed by thousands.\n\n\
        Staff will work the extra day on a voluntary rota and will be paid for the overtime, the council said in a statement that it published on its website.\n\n\
        More from the council\n\n\
        Parking charges to be reviewed after petition\n\nNovember 18, 2019 at 2:01 pm\n\n\
        The council will look again at its parking charges after a petition gathered thousands of signatures from residents in the old town and the harbour district.\n\n\
        New bus route links the station with the hospital\n\nNovember 17, 2019 at 7:21 pm\n\n\
        A new bus route will link the railway station with the hospital from January, with buses every half hour during the day and every hour in the evening.\n";
    let x = extract_text(page, Format::Text);
    assert_eq!(x.body.len(), 2, "{:#?}", x.body);
    assert_eq!(
        reason_of(&x, "railway station with the hospital"),
        vec!["dated teaser list"]
    );
}

#[test]
fn a_reply_form_below_the_article_ends_it() {
    let page = "Allotment waiting list grows\n\n\
        The waiting list for allotments in the borough has doubled in two years, and the parks department said on Tuesday that it would turn two unused playing fields into new plots by the end of next summer.\n\n\
        Gardeners on the list can expect to wait about three years for a plot, which is longer than in any of the neighbouring boroughs, the department said in its report to the council.\n\n\
        Write a response Cancel reply\n\n\
        Your email address is never shared with anyone. Required fields are indicated with a star\n\n\
        About the writer: she has grown vegetables on the same plot for twenty years and writes about the seasons, the weather and the slugs that eat everything she plants in the spring.\n";
    let x = extract_text(page, Format::Text);
    let body = x.body.join("\n");
    assert!(body.contains("neighbouring boroughs"), "{body}");
    assert!(!body.contains("twenty years"), "{body}");
    assert_eq!(reason_of(&x, "about the seasons"), vec!["reader comments"]);
}

#[test]
fn undated_teasers_with_capital_kickers_below_the_article_go() {
    let article = "The harbour ferry will run every twenty minutes from May, the operator said on Friday, after a winter in which passengers waited up to an hour in the rain for a boat that was often full before it reached the last stop.";
    let teaser = |kicker: &str, title: &str, blurb: &str| {
        format!("{kicker}\n\n{title}\n\nfrom the archive\n\n{blurb}\n\n")
    };
    let page = format!(
        "Ferry timetable doubles\n\n{article}\n\n{}{}{}",
        teaser(
            "ROOM WITH A VIEW",
            "A lighthouse keeper's cottage is up for rent",
            "The cottage has two bedrooms, no road and a view over the whole bay from its kitchen window."
        ),
        teaser(
            "SLOW FOOD",
            "The bakery that proves its dough for three days",
            "The baker starts every loaf on a Monday and sells the last of them on a Thursday morning."
        ),
        teaser(
            "ON THE MOVE",
            "Why the town's pigeons have left the square",
            "Nobody has fed them since the market moved, and the birds have followed the crumbs to the station."
        ),
    );
    let x = extract_text(&page, Format::Text);
    assert_eq!(x.body, vec![article.to_string()], "{:#?}", x.body);
    assert_eq!(reason_of(&x, "followed the crumbs"), vec!["teaser stream"]);
}

#[test]
fn capital_labels_of_a_list_inside_the_article_stay() {
    let page = "How I learned to speak in public\n\n\
        Every speaker has a ladder of fears, and mine had four rungs that I climbed over two years of practice, one small talk at a time, in front of friends first, then colleagues, then strangers in rooms that grew bigger every season.\n\n\
        QUITE EASY\n\nReading a poem to my family\n\nTelling a story at dinner\n\n\
        A LITTLE HARDER\n\nAsking a question at a meeting\n\nGiving a toast at a wedding\n\n\
        REALLY HARD\n\nOpening a conference in a hall of five hundred people\n\n\
        None of it happened overnight, and I still get nervous before every talk, but the ladder made each step feel possible when I looked at it on paper.\n";
    let x = extract_text(page, Format::Text);
    let body = x.body.join("\n");
    assert!(body.contains("still get nervous"), "{body}");
    assert!(x.removed.iter().all(|r| r.reason != "teaser stream"));
}

#[test]
fn labelled_links_to_other_stories_go_and_the_article_goes_on() {
    let page = "Night trains return to the valley\n\n\
        The night train to the mountains will run again from December, the rail company said on Wednesday, ten years after the last sleeper car left the valley station for the coast.\n\n\
        See also: The station clock that ran late for a century\n\n\
        Tickets go on sale next week, and a bed in a shared cabin will cost less than a hotel room in the resort, the company said.\n\n\
        Further reading: Why the old sleeper cars were sold abroad\n\n\
        The train will leave the capital at ten in the evening and reach the valley before breakfast.\n";
    let x = extract_text(page, Format::Text);
    let body = x.body.join("\n");
    assert!(!body.contains("station clock"), "{body}");
    assert!(body.contains("before breakfast"), "{body}");
    assert_eq!(reason_of(&x, "station clock"), vec!["inline story link"]);
}

#[test]
fn credited_picture_captions_between_paragraphs_go() {
    let page = "Old mill becomes a school\n\n\
        The old cotton mill by the canal will become a primary school for four hundred children, the education office said on Thursday, after ten years in which the building stood empty and lost half of its roof.\n\n\
        The mill's north front seen from the towpath in the spring (Photo: Lee Park)\n\n\
        Builders will start on the roof in March and the first classes should move in two autumns from now, the office said.\n";
    let x = extract_text(page, Format::Text);
    let body = x.body.join("\n");
    assert!(!body.contains("towpath"), "{body}");
    assert!(body.contains("two autumns"), "{body}");
    assert_eq!(reason_of(&x, "towpath"), vec!["picture caption"]);
}

#[test]
fn terse_paragraphs_of_several_sentences_stay() {
    let terse = "Fresh basil, ripe tomatoes, good olive oil matter most. Chop everything roughly, dress generously, rest ten minutes before serving. Leftovers keep two days, covered, in the fridge. Crusty bread helps soak up juices. Sprinkle flaky salt last.";
    let page = format!(
        "A salad for the last hot week\n\n\
        The last week of summer is the time for a salad that needs no cooking at all, and this one has been on our table every evening since the tomatoes in the garden turned red and the basil by the kitchen door grew taller than the fence that was built to keep the rabbits out of it.\n\n\
        It came from a neighbour who grew up by the sea, where it was eaten with grilled fish on the beach after a long day in the boats, and which she still makes for us whenever there is a birthday or a wedding in the street.\n\n{terse}\n"
    );
    let x = extract_text(&page, Format::Text);
    assert!(x.body.iter().any(|p| p == terse), "{:#?}", x.body);
}

#[test]
fn sentences_thick_with_names_and_figures_stay_in_the_article() {
    // Results written as whole sentences have few function words ("Highbury College senior
    // Tomas Arden won the single sculls final in 7:41.20."); the menu and the teaser list
    // around them end no sentence and still go.
    let x = fixture("results_brief.txt", Format::Text);
    let body = x.body.join("\n");
    for result in ["Tomas Arden", "Lena Ortiz", "Daniel Reyes", "Priya Nair"] {
        assert!(body.contains(result), "{result:?} lost: {:#?}", x.removed);
    }
    assert!(body.contains("The coaches said the crosswind"), "{body}");
    for noise in [
        "Contact Us",
        "More Sports",
        "Northfield opens new boathouse",
    ] {
        assert!(!body.contains(noise), "{noise:?} kept: {body}");
    }
    assert_eq!(x.body.len(), 6, "{:#?}", x.body);
}

#[test]
fn an_english_dek_above_the_byline_and_date_is_not_article_text() {
    let x = fixture("dek_above_byline.txt", Format::Text);
    assert_eq!(
        x.title,
        "Harbour board approves the new quay after a decade of debate"
    );
    assert!(
        x.body[0].starts_with("The harbour board voted on Monday night"),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 3, "{:#?}", x.body);
    assert_eq!(
        reason_of(&x, "The vote ends years of argument"),
        vec!["above the byline (headline, kicker, dek)"]
    );
}

#[test]
fn a_german_vorspann_above_the_byline_stays_the_first_paragraph() {
    // Like the HTML path's lead rule: outside English news the lead is article text.
    let x = fixture("vorspann_above_byline.txt", Format::Text);
    assert!(
        x.body[0].starts_with("Die Abstimmung beendet einen jahrelangen Streit"),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 4, "{:#?}", x.body);
}

#[test]
fn a_short_opening_paragraph_after_a_more_on_box_is_the_article() {
    let x = fixture("short_opening_after_box.txt", Format::Text);
    assert_eq!(
        x.body.first().map(String::as_str),
        Some("The harbour board approved a new deep-water quay on Monday night, clearing the way for larger container ships to call at the port from 2022."),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 4, "{:#?}", x.body);
    assert!(!x.body.iter().any(|p| p.contains("Dredging firm wins")));
}

#[test]
fn opening_sentences_above_the_prose_stay_in_an_unbroken_row() {
    // A short opening sentence above a sentence thick with names, above the prose: both
    // are the article's; the picture credit above them is not.
    let x = fixture("opening_sentences_at_border.txt", Format::Text);
    assert_eq!(
        x.body.first().map(String::as_str),
        Some("A decade on, the harbour is finally growing."),
        "{:#?}",
        x.body
    );
    assert!(x.body[1].starts_with("To mark the vote, Mayor Anna Lindqvist"));
    assert_eq!(x.body.len(), 5, "{:#?}", x.body);
    assert!(!x.body.iter().any(|p| p.contains("Jane Holloway")));
}

#[test]
fn a_heading_over_the_byline_is_the_title_under_a_site_heading() {
    // Blog themes set the site's name as `#` and the post's title as `##` over
    // "Posted on <date> by <author>" (here with a date in Indonesian).
    let x = fixture("blog_post_under_site_heading.md", Format::Markdown);
    assert_eq!(x.title, "Harbour board approves the new quay");
    assert!(
        x.body[0].starts_with("The harbour board voted"),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 2, "{:#?}", x.body);
}

#[test]
fn a_line_thick_with_names_that_introduces_a_quote_stays() {
    let x = fixture("colon_intro_thick_with_names.txt", Format::Text);
    assert!(
        x.body
            .iter()
            .any(|p| p.starts_with("Harbour board chairwoman Anna Lindqvist")),
        "{:#?}",
        x.body
    );
    assert_eq!(x.body.len(), 4, "{:#?}", x.body);
}
