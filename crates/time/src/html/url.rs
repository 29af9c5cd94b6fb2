//! Dates in URL paths, whole segments only: `/2019/11/05/`, `/2019/11/`, `/20191105/`,
//! `/2019-11-05/`. A number inside a slug ("/xiaomi-2020-plans") is never a date.

use storyline_model::PartialDate;

/// The date a URL path states, at the precision it states (a day or a month).
pub fn url_date(url: &str) -> Option<PartialDate> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    for (i, segment) in segments.iter().enumerate() {
        if let Some(year) = number(segment, 4..=4) {
            let month = segments.get(i + 1).and_then(|s| number(s, 1..=2));
            let day = segments.get(i + 2).and_then(|s| number(s, 1..=2));
            match (month, day) {
                (Some(m), Some(d)) => return PartialDate::day(year as i32, m, d),
                (Some(m), None) => return PartialDate::month(year as i32, m),
                _ => {}
            }
        }
        if let Some(compact) = number(segment, 8..=8) {
            let date =
                PartialDate::day((compact / 10000) as i32, compact / 100 % 100, compact % 100);
            if date.is_some_and(|d| (1995..=2100).contains(&d.year_value())) {
                return date;
            }
        }
        let parts: Vec<&str> = segment.split('-').collect();
        if let [y, m, d] = parts.as_slice() {
            if let (Some(y), Some(m), Some(d)) =
                (number(y, 4..=4), number(m, 2..=2), number(d, 2..=2))
            {
                return PartialDate::day(y as i32, m, d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(url: &str) -> Option<String> {
        url_date(url).map(|d| d.to_string())
    }

    #[test]
    fn whole_segments_give_dates() {
        assert_eq!(
            date("https://a.com/2019/11/05/title"),
            Some("2019-11-05".into())
        );
        assert_eq!(
            date("https://a.com/news/2019/11/title"),
            Some("2019-11".into())
        );
        assert_eq!(
            date("https://a.com/20191105/title.html"),
            Some("2019-11-05".into())
        );
        assert_eq!(
            date("https://a.com/2019-11-05/title"),
            Some("2019-11-05".into())
        );
    }

    #[test]
    fn numbers_inside_slugs_are_not_dates() {
        assert_eq!(date("https://beebom.com/xiaomi-entering-japan-2020/"), None);
        assert_eq!(date("https://a.com/story-20191105-x"), None);
        assert_eq!(date("https://a.com/2019/title"), None);
        assert_eq!(date("https://a.com/2019/13/40/x"), None);
        assert_eq!(date("not a url"), None);
    }
}
