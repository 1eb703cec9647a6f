//! An in-process LSP client for tests and benchmarks: the real server over a
//! `tokio::io::duplex` pipe with `Content-Length` framing, answering the server's requests
//! (`workspace/configuration`, `window/workDoneProgress/create`, `client/registerCapability`,
//! `workspace/applyEdit`) the way an editor would.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::mpsc;

/// How long a test waits for a message before failing.
pub const TIMEOUT: Duration = Duration::from_secs(30);

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;

/// A client connected to a server running in this process.
pub struct TestClient {
    writer: Writer,
    /// Each message with the moment its frame began to arrive.
    incoming: mpsc::UnboundedReceiver<(Instant, Value)>,
    /// Messages read but not yet asked for.
    backlog: VecDeque<(Instant, Value)>,
    next_id: i64,
    /// What `workspace/configuration` answers for section `gongwen`.
    pub configuration: Arc<Mutex<Value>>,
    pub server: tokio::task::JoinHandle<()>,
}

impl Default for TestClient {
    fn default() -> TestClient {
        TestClient::start()
    }
}

impl TestClient {
    /// Starts a server (with the hidden debug requests) and connects to it.
    /// A server without archive cache, and its client.
    pub fn start() -> TestClient {
        TestClient::start_with_cache(None)
    }

    /// A server keeping its archive cache in `cache`, and its client.
    pub fn start_with_cache(cache: Option<&std::path::Path>) -> TestClient {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        let (service, socket) = crate::lsp::service_with(true, cache.map(|c| c.to_path_buf()));
        let server = tokio::spawn(async move {
            tower_lsp_server::Server::new(server_read, server_write, socket)
                .concurrency_level(crate::lsp::CONCURRENCY)
                .serve(service)
                .await;
        });
        let (client_read, writer) = tokio::io::split(client_io);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(writer));
        let (tx, incoming) = mpsc::unbounded_channel();
        let configuration = Arc::new(Mutex::new(Value::Null));
        tokio::spawn(read_loop(
            client_read,
            tx,
            writer.clone(),
            configuration.clone(),
        ));
        TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            configuration,
            server,
        }
    }

    /// `initialize` with these capabilities and options, then `initialized`. Returns the
    /// `initialize` result.
    pub async fn initialize(
        &mut self,
        capabilities: Value,
        options: Value,
        root: Option<&std::path::Path>,
    ) -> Value {
        let folders = root.map(|root| {
            let uri = crate::lsp::convert::file_uri(&root.display().to_string())
                .expect("a file URI")
                .as_str()
                .to_string();
            json!([{"uri": uri, "name": "root"}])
        });
        let result = self
            .request(
                "initialize",
                json!({
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "workspaceFolders": folders.unwrap_or(Value::Null),
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result["result"].clone()
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        send(
            &self.writer,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        )
        .await;
        self.wait(|m| m.get("method").is_none() && m["id"] == json!(id))
            .await
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        send(
            &self.writer,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        )
        .await;
    }

    /// `textDocument/didOpen` at version 1.
    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "gongwen", "version": 1, "text": text}}),
        )
        .await;
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == json!(uri) && p["version"] == json!(version)
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .expect("publishDiagnostics carries an array")
            .clone()
    }

    /// Sends raw text as one framed message (for malformed input).
    pub async fn send_raw(&mut self, body: &str) {
        let mut writer = self.writer.lock().await;
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        writer.write_all(frame.as_bytes()).await.expect("write");
        writer.flush().await.expect("flush");
    }

    /// The first message (notification or server request) of this method that satisfies
    /// `accept`; messages passed over stay for later calls.
    pub async fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.wait(|m| m["method"] == json!(method) && accept(&m["params"]))
            .await
    }

    /// Every message received so far (without waiting), leaving them in the backlog.
    pub fn received(&mut self) -> Vec<Value> {
        while let Ok(message) = self.incoming.try_recv() {
            self.backlog.push_back(message);
        }
        self.backlog.iter().map(|(_, m)| m.clone()).collect()
    }

    /// Forgets the messages received so far.
    pub fn clear(&mut self) {
        self.received();
        self.backlog.clear();
    }

    pub async fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        self.wait_arrival(accept).await.1
    }

    /// [`wait`](Self::wait), with the moment the message's frame began to arrive: when the
    /// server had it serialised and written, before this client parsed it.
    pub async fn wait_arrival(&mut self, accept: impl Fn(&Value) -> bool) -> (Instant, Value) {
        if let Some(i) = self.backlog.iter().position(|(_, m)| accept(m)) {
            return self.backlog.remove(i).expect("present");
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let (arrived, message) = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .unwrap_or_else(|_| {
                    let backlog: Vec<&Value> = self.backlog.iter().map(|(_, m)| m).collect();
                    panic!("no matching message within {TIMEOUT:?}; received: {backlog:#?}")
                })
                .expect("the server is running");
            if accept(&message) {
                return (arrived, message);
            }
            self.backlog.push_back((arrived, message));
        }
    }

    /// `shutdown` and `exit`; waits for the server to end.
    pub async fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server)
            .await
            .expect("the server ends after exit")
            .expect("the server task");
    }
}

async fn send(writer: &Writer, message: &Value) {
    let body = message.to_string();
    let mut writer = writer.lock().await;
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    writer.write_all(frame.as_bytes()).await.expect("write");
    writer.flush().await.expect("flush");
}

/// Reads framed messages; answers the server's requests at once and passes every message
/// on (requests too, so that tests can see them).
async fn read_loop(
    read: tokio::io::ReadHalf<DuplexStream>,
    tx: mpsc::UnboundedSender<(Instant, Value)>,
    writer: Writer,
    configuration: Arc<Mutex<Value>>,
) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        let mut arrived = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            arrived.get_or_insert_with(Instant::now);
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Ok(message) = serde_json::from_slice::<Value>(&body) else {
            continue;
        };
        if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
            let result = match method {
                "workspace/configuration" => {
                    let section = configuration.lock().map(|c| c.clone()).unwrap_or_default();
                    json!([section])
                }
                "workspace/applyEdit" => json!({"applied": true}),
                _ => Value::Null,
            };
            send(
                &writer,
                &json!({"jsonrpc": "2.0", "id": id, "result": result}),
            )
            .await;
        }
        if tx
            .send((arrived.unwrap_or_else(Instant::now), message))
            .is_err()
        {
            return;
        }
    }
}
