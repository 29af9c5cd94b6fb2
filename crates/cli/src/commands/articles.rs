//! `storyline articles` and `storyline show`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use storyline_model::PartialDate;
use storyline_store::ArticleQuery;

use crate::args::{ArticlesArgs, StoreArgs};
use crate::output::{self, Memberships};

pub fn list(data: &Path, args: ArticlesArgs) -> anyhow::Result<ExitCode> {
    let store = args.target.open(data)?;
    let query = ArticleQuery {
        offset: args.offset,
        limit: args.limit,
        site: args.site.clone(),
        from: parse_date("--from", args.from.as_deref())?,
        to: parse_date("--to", args.to.as_deref())?,
        ..ArticleQuery::default()
    };
    let articles = store.articles(&query)?;
    if args.json {
        let mut out = std::io::stdout().lock();
        for article in &articles {
            let groups = memberships(store.as_ref(), article.id.as_str())?;
            serde_json::to_writer(&mut out, &output::article_json(article, &groups, false))?;
            std::io::Write::write_all(&mut out, b"\n")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = articles
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                output::date_label(a),
                a.site.clone().unwrap_or_default(),
                a.word_count().to_string(),
                output::clip(&a.title, 70),
            ]
        })
        .collect();
    output::print_table(&["id", "published", "site", "words", "title"], &rows);
    Ok(ExitCode::SUCCESS)
}

pub fn show(data: &Path, id: &str, json: bool, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let store = target.open(data)?;
    let Some(article) = store.article(id)? else {
        match target.store.as_deref().filter(|u| !u.is_empty()) {
            Some(_) => bail!("no article with id {id:?} in the PostgreSQL store"),
            None => bail!("no article with id {id:?} in {}", data.display()),
        }
    };
    let groups = memberships(store.as_ref(), article.id.as_str())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&output::article_json(&article, &groups, true))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", article.title);
    println!("{}", "=".repeat(article.title.chars().count().min(80)));
    println!("id        {}", article.id);
    println!("source    {}", article.source);
    if let Some(url) = &article.url {
        println!("url       {url}");
    }
    println!("site      {}", article.site.as_deref().unwrap_or("-"));
    println!(
        "authors   {}",
        if article.authors.is_empty() {
            "-".into()
        } else {
            article.authors.join(", ")
        }
    );
    println!("published {}", output::date_label(&article));
    println!("language  {}", article.lang.as_deref().unwrap_or("-"));
    if let Some(event) = &groups.event {
        println!("event     {event}");
    }
    if let Some(original) = &groups.duplicate_of {
        println!("copy of   {original}");
    }
    println!();
    for paragraph in &article.body {
        println!("{paragraph}\n");
    }
    if !article.mentioned_dates.is_empty() {
        println!("Dates mentioned:");
        for m in &article.mentioned_dates {
            println!(
                "  {:<28} -> {} ({})",
                output::clip(&m.text, 28),
                m.date,
                m.precision.as_str()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn parse_date(flag: &str, value: Option<&str>) -> anyhow::Result<Option<PartialDate>> {
    value
        .map(|v| {
            v.parse::<PartialDate>()
                .with_context(|| format!("{flag} {v:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
        })
        .transpose()
}

fn memberships(
    store: &dyn storyline_store_pg::StoreBackend,
    id: &str,
) -> anyhow::Result<Memberships> {
    let (duplicate_of, event, storyline) = store.article_groups(id)?;
    Ok(Memberships {
        duplicate_of: duplicate_of.map(|d| d.to_string()),
        event,
        storyline,
    })
}
