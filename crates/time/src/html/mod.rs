//! The publication-date cascade for HTML pages, in the spirit of htmldate's extensive
//! mode, without a DOM. In order: a day in the page's own URL (given, canonical or
//! `og:url`); meta tags (document order) and JSON-LD, a stated day before a coarser date;
//! elements marked as the publication date (`<time>`, `<abbr>`, classes saying "date"),
//! the first in the page winning; a full timestamp anywhere in the page, scripts
//! included; a day in the `og:image` URL; then dates in the visible text (labelled, with a
//! time of day, most frequent), narrowed to the URL's month when it names one.

mod elements;
mod meta;
mod tags;
mod text;
mod url;

use chrono::NaiveDate;
use storyline_model::{DateSource, PartialDate, Published};

pub use url::url_date;

/// One stated date found by a step of the cascade.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stated {
    pub date: PartialDate,
    pub timestamp: Option<String>,
    pub source: DateSource,
    /// Lower is better within one step.
    pub rank: usize,
}

impl Stated {
    fn into_published(self) -> Published {
        let published = Published::stated(self.date, self.source);
        match self.timestamp {
            Some(ts) => published.with_timestamp(ts),
            None => published,
        }
    }
}

/// The plausible range for a web page's publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub earliest: NaiveDate,
    /// The latest plausible date, e.g. the fetch time. Without one, only the far future is refused.
    pub latest: Option<NaiveDate>,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            earliest: NaiveDate::from_ymd_opt(1995, 1, 1).expect("valid date"),
            latest: None,
        }
    }
}

impl Bounds {
    pub fn allows(&self, date: &PartialDate) -> bool {
        let latest = self
            .latest
            .unwrap_or(NaiveDate::from_ymd_opt(2100, 1, 1).expect("valid date"));
        date.last_day() >= self.earliest && date.first_day() <= latest
    }
}

/// Publication and modification dates of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDates {
    pub published: Option<Published>,
    pub modified: Option<PartialDate>,
}

/// The publication date of an HTML page, by the cascade described in this module.
pub fn html_published(html: &str, url: Option<&str>) -> Option<Published> {
    html_dates(html, url, &Bounds::default()).published
}

/// The whole cascade with explicit bounds; also reports the modification date.
pub fn html_dates(html: &str, url: Option<&str>, bounds: &Bounds) -> HtmlDates {
    let allowed = |s: &Option<Stated>| s.as_ref().is_some_and(|s| bounds.allows(&s.date));
    let (ld_published, ld_modified) = meta::json_ld(html);
    let (meta_published, meta_modified) = meta::meta_tags(html);
    let modified = [&ld_modified, &meta_modified]
        .into_iter()
        .find(|m| allowed(m))
        .and_then(|m| m.as_ref().map(|m| m.date));
    let result = |stated: Stated| HtmlDates {
        published: Some(stated.into_published()),
        modified,
    };

    // A day in the page's own URL comes first: the URL is minted once, on the publisher's
    // local day, and never follows later updates or UTC conversions (htmldate's rule too).
    let own_url = url.map(str::to_string).or_else(|| meta::own_url(html));
    let url_day = own_url
        .as_deref()
        .and_then(url_date)
        .filter(|d| bounds.allows(d));
    if let Some(date) = url_day.filter(|d| d.day_value().is_some()) {
        return result(Stated {
            date,
            timestamp: None,
            source: DateSource::Url,
            rank: 0,
        });
    }
    let mut stated = meta_published
        .into_iter()
        .chain(ld_published)
        .filter(|s| bounds.allows(&s.date))
        .collect::<Vec<_>>();
    // A day beats a month or a year stated elsewhere ("2017/01" beside "2017-01-30"): both
    // are true, the day says more. Stable, so rank decides among equals.
    stated.sort_by_key(|s| std::cmp::Reverse(s.date.precision()));
    if let Some(best) = prefer_local_day(stated) {
        return result(best);
    }
    let visible = tags::without_invisible(html);
    // Elements marked as the publication date: the first in the page wins, whatever its kind
    // (the article's header comes before lists of related articles with their own dates).
    let times = elements::time_elements(&visible);
    let dated = elements::dated_elements(&visible);
    let marked = [
        times.marked,
        elements::abbr_elements(&visible),
        dated.marked,
        dated.plain.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|(_, s)| bounds.allows(&s.date))
    .min_by_key(|(position, _)| *position);
    if let Some((_, stated)) = marked {
        return result(stated);
    }
    for (_, stated) in [dated.plain, times.plain].into_iter().flatten() {
        if bounds.allows(&stated.date) {
            return result(stated);
        }
    }
    // A month in the URL narrows the search in the page to that month, and stands when the
    // page names no day in it.
    let text_bounds = match url_day {
        Some(month) => Bounds {
            earliest: month.first_day(),
            latest: Some(month.last_day()),
        },
        None => *bounds,
    };
    if let Some(stated) = text::first_timestamp(html, &text_bounds) {
        return result(stated);
    }
    let image_day = meta::og_image(html)
        .as_deref()
        .and_then(url_date)
        .filter(|d| d.day_value().is_some() && text_bounds.allows(d));
    if let Some(date) = image_day {
        return result(Stated {
            date,
            timestamp: None,
            source: DateSource::Url,
            rank: 1,
        });
    }
    let text = tags::plain_text(&visible);
    if let Some(stated) = text::text_date(&text, &text_bounds) {
        return result(stated);
    }
    if let Some(date) = url_day {
        return result(Stated {
            date,
            timestamp: None,
            source: DateSource::Url,
            rank: 0,
        });
    }
    HtmlDates {
        published: None,
        modified,
    }
}

/// The first stated date, unless it is a UTC timestamp and another stated date, given in
/// the publisher's own time zone (or with none), names the day before or after: a UTC
/// conversion shifts evening articles to the next day, the local date is what readers saw.
fn prefer_local_day(stated: Vec<Stated>) -> Option<Stated> {
    let is_utc = |s: &Stated| {
        s.timestamp
            .as_deref()
            .is_some_and(|t| t.ends_with('Z') || t.ends_with("+00:00"))
    };
    let first = stated.first()?.clone();
    if !is_utc(&first) {
        return Some(first);
    }
    let local = stated.iter().find(|s| {
        !is_utc(s)
            && s.date.day_value().is_some()
            && (s.date.first_day() - first.date.first_day())
                .num_days()
                .abs()
                == 1
    });
    Some(local.cloned().unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(html: &str) -> Option<String> {
        html_published(html, None)
            .and_then(|p| p.date)
            .map(|d| d.to_string())
    }

    #[test]
    fn a_day_in_the_canonical_url_beats_a_utc_timestamp() {
        let html = r#"<link rel="canonical" href="https://a.com/2023/11/08/story/">
            <meta property="article:published_time" content="2023-11-09T01:09:55+00:00">"#;
        assert_eq!(day(html), Some("2023-11-08".into()));
        let og = r#"<meta property="og:url" content="https://a.com/2023/11/08/story/">
            <meta property="article:published_time" content="2023-11-09T01:09:55+00:00">"#;
        assert_eq!(day(og), Some("2023-11-08".into()));
        // A number inside a slug is no date: the meta tag stands.
        let slug = r#"<link rel="canonical" href="https://a.com/story-2023-11-08-x">
            <meta property="article:published_time" content="2023-11-09T01:09:55+00:00">"#;
        assert_eq!(day(slug), Some("2023-11-09".into()));
    }

    #[test]
    fn a_month_in_the_url_narrows_the_text_search() {
        let html = r#"<link rel="canonical" href="https://a.com/2019/11/story">
            <p>Founded 3 March 2015.</p><p>Friday, 8 November 2019</p><p>3 March 2015</p>"#;
        assert_eq!(day(html), Some("2019-11-08".into()));
        let none =
            r#"<link rel="canonical" href="https://a.com/2019/11/story"><p>3 March 2015</p>"#;
        assert_eq!(day(none), Some("2019-11".into()));
    }

    #[test]
    fn a_timestamp_in_a_script_comes_before_dates_in_the_text() {
        let html = r#"<script>var page = {"created":"2016-11-04T20:37:27Z"};</script>
            <p>Member since 12 May 2014</p><p>12 May 2014</p>"#;
        assert_eq!(day(html), Some("2016-11-04".into()));
        // A date without a time of day is no machine record.
        let bare = r#"<script>var d = "2016-11-04";</script><p>12 May 2014</p>"#;
        assert_eq!(day(bare), Some("2014-05-12".into()));
    }

    #[test]
    fn an_og_image_stored_under_a_day_dates_the_page_before_its_text() {
        let html = r#"<meta property="og:image" content="https://a.org/files/2016/05/04/x.png">
            <p>Founded 3 March 2015. 3 March 2015.</p>"#;
        assert_eq!(day(html), Some("2016-05-04".into()));
        // An upload month is not a day: the text decides.
        let month = r#"<meta property="og:image" content="https://a.org/uploads/2016/05/x.png">
            <p>3 March 2015</p>"#;
        assert_eq!(day(month), Some("2015-03-03".into()));
    }

    #[test]
    fn a_stated_day_beats_a_stated_month() {
        let html = r#"<meta name="citation_publication_date" content="2017/01">
            <meta name="dc.date" content="2017-01-30">"#;
        assert_eq!(day(html), Some("2017-01-30".into()));
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn the_first_marked_element_in_the_page_wins_whatever_its_kind() {
        // The article's byline comes before a related-articles list with <time> elements.
        let html = r#"<p class="post-byline">von x · <span class="published">31. Oktober 2023</span></p>
            <ul><li><time class="published" datetime="2020-12-03">3. Dezember 2020</time></li></ul>"#;
        assert_eq!(
            html_published(html, None)
                .and_then(|p| p.date)
                .map(|d| d.to_string()),
            Some("2023-10-31".into())
        );
    }
}
