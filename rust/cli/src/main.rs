//! `dnp`: the host program of the daily notification core. It drives the same `Fetcher` the
//! Android and iOS layers use, with a 0600 key file standing in for the platform key store.

#[cfg(feature = "demo")]
mod demo;
#[cfg(feature = "demo")]
mod mint;
mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use daily_notification_core::{
    ConfigureOptions, CoreError, ErrorCode, Fetcher, FileKeyWrapper, HttpSettings, Secret, clock,
    json,
};

#[derive(Parser)]
#[command(name = "dnp", version, about = "Daily notification core: host program")]
struct Cli {
    /// Store directory (the vault). Default: $DNP_STORE, else ./.dnp-store
    #[arg(long, global = true, env = "DNP_STORE")]
    store: Option<PathBuf>,
    /// Host key-encryption key file (0600). Default: <store>/host.kek
    #[arg(long, global = true)]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate and store a token pool and the fetcher's settings
    Configure {
        #[arg(long)]
        api: String,
        #[arg(long)]
        did: String,
        /// One JWT per line
        #[arg(long)]
        tokens_file: Option<PathBuf>,
        /// A single JWT (Phase A); joins the pool when --tokens-file is given too
        #[arg(long)]
        token: Option<String>,
        /// A starred plan handle IRI (repeatable)
        #[arg(long = "plan")]
        plans: Vec<String>,
        #[arg(long)]
        after_id: Option<String>,
        /// per-day (default) or per-request
        #[arg(long)]
        policy: Option<String>,
        #[arg(long)]
        low_water_days: Option<i64>,
        /// Pretend the time is this RFC 3339 instant
        #[arg(long)]
        now: Option<String>,
    },
    /// Show the store's configuration and the pool's health
    Status {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        now: Option<String>,
    },
    /// Ask Endorser what changed in the starred plans and compose the notification
    Prefetch {
        #[arg(long)]
        now: Option<String>,
        #[arg(long)]
        json: bool,
        /// Trust this PEM certificate too (a test server, a private deployment)
        #[arg(long)]
        ca_cert: Option<PathBuf>,
        /// End the whole prefetch within this many milliseconds (default 25000)
        #[arg(long)]
        deadline_ms: Option<i64>,
        /// Per-request timeout in milliseconds (default 20000; the deadline shrinks it)
        #[arg(long)]
        request_timeout_ms: Option<u64>,
    },
    /// Acknowledge that the notification with this cursor was shown (moves the cursor forward)
    Acknowledge {
        /// The `cursor` of the prefetch result whose notification was delivered
        cursor: String,
    },
    /// Delete the store and its key (logout)
    Clear,
    /// Mint a pool of ES256K tokens for a new throw-away did:ethr identity
    #[cfg(feature = "demo")]
    Mint {
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 90)]
        expiry_days: i64,
        /// Write the tokens here, one per line (else to stdout after the DID line)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The whole story on loopback: double, pool, configure, prefetch, notification, health
    #[cfg(feature = "demo")]
    Demo,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .target(env_logger::Target::Stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("{}", json::error_json(&e));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), CoreError> {
    let store = cli.store.unwrap_or_else(|| PathBuf::from(".dnp-store"));
    let key_file = cli.key_file.unwrap_or_else(|| store.join("host.kek"));
    let open = || Fetcher::open(&store, Box::new(FileKeyWrapper::new(&key_file)));
    match cli.command {
        Command::Configure {
            api,
            did,
            tokens_file,
            token,
            plans,
            after_id,
            policy,
            low_water_days,
            now,
        } => {
            let jwt_tokens = match tokens_file {
                Some(path) => Some(read_tokens(&path)?),
                None => None,
            };
            let opts = ConfigureOptions {
                api_base_url: api,
                active_did: did,
                jwt_token: token.map(Secret::new),
                jwt_tokens,
                starred_plan_ids: (!plans.is_empty()).then_some(plans),
                after_id,
                token_policy: policy,
                low_water_days,
                expiry_margin_seconds: None,
                ..ConfigureOptions::default()
            };
            let result = open()?.configure(&opts, parse_now(now)?)?;
            print_json(&result);
        }
        Command::Status { json, now } => {
            let status = open()?.status(parse_now(now)?);
            if json {
                print_json(&status);
            } else {
                print::print_status(&status);
            }
        }
        Command::Prefetch {
            now,
            json,
            ca_cert,
            deadline_ms,
            request_timeout_ms,
        } => {
            let f = open()?;
            let mut settings = HttpSettings::default();
            if let Some(path) = ca_cert {
                let pem = std::fs::read_to_string(&path).map_err(|e| {
                    CoreError::new(
                        ErrorCode::InvalidArgument,
                        format!("cannot read --ca-cert: {e}"),
                    )
                })?;
                settings.extra_roots_pem = vec![pem];
            }
            if let Some(ms) = request_timeout_ms {
                settings.request_timeout = std::time::Duration::from_millis(ms.max(1));
            }
            f.set_http_settings(settings);
            let now = parse_now(now)?;
            let deadline = deadline_ms
                .unwrap_or(daily_notification_core::prefetch::DEFAULT_DEADLINE.as_millis() as i64);
            // Through the facade, so the output is exactly what JNI and C return.
            let text = json::prefetch_within(&f, now, deadline)?;
            let result: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| internal(format!("unreadable facade output: {e}")))?;
            if json {
                println!("{text}");
            } else {
                print::print_prefetch_json(&result);
            }
        }
        Command::Acknowledge { cursor } => {
            let input = serde_json::json!({ "cursor": cursor }).to_string();
            println!("{}", json::acknowledge_delivery(&open()?, &input)?);
        }
        Command::Clear => {
            open()?.clear()?;
            println!("cleared {}", store.display());
        }
        #[cfg(feature = "demo")]
        Command::Mint {
            count,
            expiry_days,
            out,
        } => {
            let id = mint::Identity::generate().map_err(internal)?;
            let pool = id
                .mint_pool(clock::now(), count, expiry_days)
                .map_err(internal)?;
            match out {
                Some(path) => {
                    write_private(&path, &pool.join("\n"))
                        .map_err(|e| CoreError::new(ErrorCode::StoreIo, e.to_string()))?;
                    print_json(
                        &serde_json::json!({"did": id.did, "tokensFile": path, "count": count}),
                    );
                }
                None => {
                    println!("{}", id.did);
                    for t in pool {
                        println!("{t}");
                    }
                }
            }
        }
        #[cfg(feature = "demo")]
        Command::Demo => demo::run()?,
    }
    Ok(())
}

pub(crate) fn internal(msg: String) -> CoreError {
    CoreError::new(ErrorCode::Internal, msg)
}

fn parse_now(now: Option<String>) -> Result<i64, CoreError> {
    match now {
        None => Ok(clock::now()),
        Some(s) => clock::parse_rfc3339(&s).ok_or_else(|| {
            CoreError::new(ErrorCode::InvalidArgument, "--now must be an RFC 3339 time")
        }),
    }
}

fn read_tokens(path: &PathBuf) -> Result<Vec<Secret>, CoreError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CoreError::new(
            ErrorCode::InvalidArgument,
            format!("cannot read --tokens-file: {e}"),
        )
    })?;
    let text = Secret::new(text);
    Ok(text
        .expose()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Secret::new(l.to_string()))
        .collect())
}

/// Token files are secrets: owner-only.
#[cfg(feature = "demo")]
pub(crate) fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into())
    );
}
