//! robots.txt per host (RFC 9309): fetched once per host and fetcher, then cached.

use std::collections::HashMap;
use std::time::Duration;

use texting_robots::Robot;

use crate::client::{FetchError, Fetched};

enum Rules {
    AllowAll,
    DisallowAll,
    Parsed(Box<Robot>),
}

#[derive(Default)]
pub(crate) struct RobotsCache {
    hosts: HashMap<String, Rules>,
}

impl RobotsCache {
    pub(crate) fn knows(&self, host: &str) -> bool {
        self.hosts.contains_key(host)
    }

    /// RFC 9309 §2.3.1: a 4xx robots.txt means no rules; an unreachable one (5xx,
    /// network failure) means the whole site is disallowed for now.
    pub(crate) fn learn(&mut self, host: &str, agent: &str, outcome: Result<Fetched, FetchError>) {
        let rules = match outcome {
            Ok(fetched) => match Robot::new(agent, &fetched.body) {
                Ok(robot) => Rules::Parsed(Box::new(robot)),
                Err(err) => {
                    tracing::warn!(%host, %err, "unparseable robots.txt; treating as no rules");
                    Rules::AllowAll
                }
            },
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                Rules::AllowAll
            }
            // A robots.txt served as an image or too big is not a robots.txt.
            Err(FetchError::ContentType { .. }) | Err(FetchError::TooLarge { .. }) => {
                Rules::AllowAll
            }
            Err(err) => {
                tracing::warn!(%host, %err, "robots.txt unreachable; not fetching pages from this host");
                Rules::DisallowAll
            }
        };
        self.hosts.insert(host.to_string(), rules);
    }

    pub(crate) fn allowed(&self, host: &str, url: &str) -> bool {
        match self.hosts.get(host) {
            None | Some(Rules::AllowAll) => true,
            Some(Rules::DisallowAll) => false,
            Some(Rules::Parsed(robot)) => robot.allowed(url),
        }
    }

    pub(crate) fn crawl_delay(&self, host: &str) -> Option<Duration> {
        match self.hosts.get(host) {
            Some(Rules::Parsed(robot)) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(3600.0))),
            _ => None,
        }
    }
}
