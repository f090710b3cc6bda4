//! A project's link: the server's WebSocket address, the project's id as the path (the server's
//! workspace and room), and the project token as the `token` query parameter, e.g.
//! `ws://127.0.0.1:7878/0b1c…?token=s3cret`. `waymark share` prints it; `waymark clone` takes it.

use uuid::Uuid;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// `ws://host:port` or `wss://host:port`, without a path.
    pub server: String,
    pub project: Option<Uuid>,
    pub token: Option<String>,
}

fn bad(text: &str, why: &str) -> Error {
    Error::Usage {
        what: format!(
            "{text:?} is not a Waymark server address or project link ({why}); expected e.g. ws://127.0.0.1:7878 or ws://host:7878/PROJECT-ID?token=TOKEN"
        ),
    }
}

impl Link {
    /// Reads a server address (`--server`) or a project link.
    pub fn parse(text: &str) -> Result<Link> {
        let url = url::Url::parse(text.trim()).map_err(|e| bad(text, &e.to_string()))?;
        if !matches!(url.scheme(), "ws" | "wss") {
            return Err(bad(text, "it must start with ws:// or wss://"));
        }
        let host = url
            .host_str()
            .ok_or_else(|| bad(text, "it names no host"))?;
        let host = if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        let server = match url.port() {
            Some(port) => format!("{}://{host}:{port}", url.scheme()),
            None => format!("{}://{host}", url.scheme()),
        };
        let path = url.path().trim_matches('/');
        let project = if path.is_empty() {
            None
        } else {
            Some(Uuid::parse_str(path).map_err(|_| bad(text, "its path is not a project id"))?)
        };
        let token = url
            .query_pairs()
            .find(|(key, _)| key == "token")
            .map(|(_, value)| value.into_owned())
            .filter(|t| !t.is_empty());
        Ok(Link {
            server,
            project,
            token,
        })
    }

    /// The same server and token for another project.
    pub fn for_project(&self, project: Uuid) -> Link {
        Link {
            project: Some(project),
            ..self.clone()
        }
    }

    /// The project's id, which a link for cloning must name.
    pub fn project(&self) -> Result<Uuid> {
        self.project.ok_or_else(|| Error::Usage {
            what: format!(
                "{} names no project; use the link `waymark share` printed",
                self.server
            ),
        })
    }
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/", self.server)?;
        if let Some(project) = self.project {
            write!(f, "{project}")?;
        }
        if let Some(token) = &self.token {
            let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
            write!(f, "?token={encoded}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_as_written() {
        let id = Uuid::new_v4();
        let link = Link::parse(&format!("ws://127.0.0.1:7878/{id}?token=a%20b")).unwrap();
        assert_eq!(link.server, "ws://127.0.0.1:7878");
        assert_eq!(link.project, Some(id));
        assert_eq!(link.token.as_deref(), Some("a b"));
        assert_eq!(Link::parse(&link.to_string()).unwrap(), link);
        let server = Link::parse("ws://[::1]:9").unwrap();
        assert_eq!(server.to_string(), "ws://[::1]:9/");
    }

    #[test]
    fn what_is_not_a_link_is_refused_with_an_example() {
        for text in ["http://x:1", "ws://h:1/not-an-id", "nothing", ""] {
            let error = Link::parse(text).unwrap_err().to_string();
            assert!(error.contains("expected e.g. ws://"), "{text}: {error}");
        }
    }
}
