//! `endorser-double`: runs the double for tests in other languages. It prints one line of JSON
//! (`baseUrl`, `reportUrl`, `planIds`, `jwtIds`, `caCertPem`, `pid`) and serves until killed or
//! until its stdin pipe closes. Flags are listed in the crate docs and in `--help`.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use endorser_double::{EndorserDouble, Fault, Options, REPORT_PATH};
use serde_json::json;

const USAGE: &str = "usage: endorser-double [--tls] [--port N] [--ca-out FILE] [--plans N] \
[--one-time-use] [--strict-one-time-use] [--delay-ms N] [--reject-token TOKEN]... [--fail KIND[:COUNT]]... \
[--retry-after SECONDS] [--record-limit N] [--ignore-stdin]
KIND: status500 | status429 | drop | oversized | malformed | parameterError | truncated (or 500 | 429)
Prints one JSON line {baseUrl, reportUrl, planIds, jwtIds, caCertPem, pid} on stdout, then serves
until killed or, when stdin is a pipe, until it closes. Control endpoints: see the crate docs.";

#[derive(Default)]
struct Args {
    options: Options,
    ca_out: Option<String>,
    plans: usize,
    delay_ms: u64,
    reject_tokens: Vec<String>,
    faults: Vec<(Fault, usize)>,
    retry_after: Option<u64>,
    ignore_stdin: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| -> Result<u64, String> {
            text.parse()
                .map_err(|_| format!("{flag}: not a number: {text}"))
        };
        match flag.as_str() {
            "--tls" => parsed.options.tls = true,
            "--port" => {
                let port = number(value()?)?;
                parsed.options.port = u16::try_from(port).map_err(|_| "--port: too big")?;
            }
            "--ca-out" => parsed.ca_out = Some(value()?),
            "--plans" => parsed.plans = number(value()?)? as usize,
            "--one-time-use" => parsed.options.one_time_use = true,
            "--strict-one-time-use" => parsed.options.strict_one_time_use = true,
            "--delay-ms" => parsed.delay_ms = number(value()?)?,
            "--reject-token" => parsed.reject_tokens.push(value()?),
            "--fail" => {
                let spec = value()?;
                let (kind, count) = spec.split_once(':').unwrap_or((&spec, "1"));
                let fault =
                    Fault::from_name(kind).ok_or_else(|| format!("--fail: unknown {kind}"))?;
                parsed
                    .faults
                    .push((fault, number(count.to_owned())? as usize));
            }
            "--retry-after" => parsed.retry_after = Some(number(value()?)?),
            "--record-limit" => parsed.options.record_limit = number(value()?)? as usize,
            "--ignore-stdin" => parsed.ignore_stdin = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(parsed)
}

/// A parent that spawns us with a pipe on stdin closes it when it goes away; a terminal or
/// /dev/null on stdin is not such a signal, so it is not watched.
fn stdin_is_a_pipe() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd as _;
        use std::os::unix::fs::FileTypeExt as _;
        let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd)
            .metadata()
            .is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_socket())
    }
    #[cfg(not(unix))]
    {
        true
    }
}

fn run(args: Args) -> Result<(), String> {
    let double = EndorserDouble::start(args.options.clone()).map_err(|e| e.to_string())?;
    match (&args.ca_out, double.ca_cert_pem()) {
        (Some(path), Some(pem)) => {
            std::fs::write(path, pem).map_err(|e| format!("--ca-out {path}: {e}"))?;
        }
        (Some(_), None) => return Err("--ca-out needs --tls".to_owned()),
        (None, _) => {}
    }
    let plans: Vec<_> = (1..=args.plans)
        .map(|n| double.add_plan(&format!("Plan {n}"), "seeded"))
        .collect();
    double.set_delay(Duration::from_millis(args.delay_ms));
    double.set_retry_after(args.retry_after);
    for token in &args.reject_tokens {
        double.reject_token(token);
    }
    for (fault, count) in &args.faults {
        double.fail_next(*count, *fault);
    }

    let line = json!({
        "baseUrl": double.base_url(),
        "reportUrl": format!("{}{REPORT_PATH}", double.base_url()),
        "planIds": plans.iter().map(|p| &p.handle_id).collect::<Vec<_>>(),
        "jwtIds": plans.iter().map(|p| &p.jwt_id).collect::<Vec<_>>(),
        "caCertPem": double.ca_cert_pem(),
        "pid": std::process::id(),
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    drop(stdout);

    if !args.ignore_stdin && stdin_is_a_pipe() {
        // Read until EOF; whatever the parent writes is ignored.
        let mut sink = [0u8; 4096];
        let mut stdin = std::io::stdin().lock();
        loop {
            match stdin.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        eprintln!("endorser-double: stdin closed, shutting down");
    } else {
        loop {
            std::thread::park();
        }
    }
    drop(double);
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("endorser-double: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("endorser-double: {message}");
            ExitCode::FAILURE
        }
    }
}
