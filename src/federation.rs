//! SPARQL 1.1 Federated Query: `SERVICE <endpoint> { ... }` sent over HTTP(S) to another
//! endpoint, with an allow-list so that a public server cannot be used as a proxy into the
//! network it runs in.
//!
//! Owns: the HTTP client for SERVICE calls. Must not: know the store or the pipeline.

use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Method, Request};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput};
use oxigraph::sparql::{DefaultServiceHandler, QueryEvaluationError, QuerySolutionIter};
use oxiri::Iri;
use spargebra::algebra::GraphPattern;

/// Which SERVICE endpoints a query may call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServicePolicy {
    /// Any endpoint (the command line, where the user is the one asking).
    Any,
    /// Only these endpoint IRIs, exactly; none when empty.
    Only(Vec<String>),
}

/// Calls remote SPARQL endpoints for SERVICE clauses the policy allows.
pub struct ServiceClient {
    client: Arc<oxhttp::Client>,
    policy: ServicePolicy,
}

impl ServiceClient {
    pub fn new(policy: ServicePolicy, timeout: Option<Duration>) -> ServiceClient {
        // The user agent is a constant ASCII string, so naming the client cannot fail.
        let mut client = oxhttp::Client::new()
            .with_user_agent(concat!("warta/", env!("CARGO_PKG_VERSION")))
            .unwrap_or_else(|_| oxhttp::Client::new())
            .with_redirection_limit(2);
        if let Some(timeout) = timeout {
            client = client.with_global_timeout(timeout);
        }
        ServiceClient {
            client: Arc::new(client),
            policy,
        }
    }

    fn allows(&self, endpoint: &str) -> bool {
        match &self.policy {
            ServicePolicy::Any => true,
            ServicePolicy::Only(allowed) => allowed.iter().any(|a| a == endpoint),
        }
    }
}

fn service_error(message: impl Into<String>) -> QueryEvaluationError {
    QueryEvaluationError::Service(message.into().into())
}

impl DefaultServiceHandler for ServiceClient {
    type Error = QueryEvaluationError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, Self::Error> {
        let endpoint = service_name.as_str();
        if !self.allows(endpoint) {
            return Err(service_error(format!(
                "SERVICE <{endpoint}> is not allowed here: the server calls only the endpoints given with --allow-service"
            )));
        }
        let query = spargebra::Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: base_iri.cloned(),
        }
        .to_string();
        let request = Request::builder()
            .method(Method::POST)
            .uri(endpoint)
            .header(CONTENT_TYPE, "application/sparql-query")
            .header(ACCEPT, "application/sparql-results+json, application/sparql-results+xml;q=0.9")
            .body(query.into_bytes())
            .map_err(|e| service_error(format!("cannot build a request for <{endpoint}>: {e}")))?;
        let response = self
            .client
            .request(request)
            .map_err(|e| service_error(format!("SERVICE <{endpoint}> did not answer: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.into_body().to_string().unwrap_or_default();
            return Err(service_error(format!(
                "SERVICE <{endpoint}> answered {status}: {}",
                body.chars().take(300).collect::<String>()
            )));
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let format = QueryResultsFormat::from_media_type(&content_type)
            .ok_or_else(|| service_error(format!("SERVICE <{endpoint}> answered with {content_type:?}, not SPARQL results")))?;
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(response.into_body())
            .map_err(|e| QueryEvaluationError::Service(Box::new(e)))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(service_error(format!("SERVICE <{endpoint}> answered a boolean, not solutions")));
        };
        let variables = solutions.variables().into();
        Ok(QuerySolutionIter::new(
            variables,
            Box::new(solutions.map(|s| s.map_err(|e| QueryEvaluationError::Service(Box::new(e))))),
        ))
    }
}
