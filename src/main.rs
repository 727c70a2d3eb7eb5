//! `msstd-check`: the command line over the analysis core.
#![forbid(unsafe_code)]

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use msstd_check::verdict::Verdict;
use msstd_check::{analyze, compare, text_report, Input, Options, Report};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Exit codes (documented in the README).
mod exit {
    /// Overall verdict pass or not_applicable.
    pub const PASS: u8 = 0;
    /// Overall verdict warn.
    pub const WARN: u8 = 1;
    /// Overall verdict fail.
    pub const FAIL: u8 = 2;
    /// Overall verdict unknown (no server certificate, none bound to IIS, a cut list, a fullsic: name).
    pub const UNKNOWN: u8 = 3;
    /// Bad arguments.
    pub const USAGE: u8 = 64;
    /// An input held no readable certificate.
    pub const DATA: u8 = 65;
    /// An input file could not be opened.
    pub const NO_INPUT: u8 = 66;
    /// The JSON report could not be made (an internal error).
    pub const SOFTWARE: u8 = 70;
    /// The output could not be written (a full disk, a closed standard output).
    pub const IO_ERROR: u8 = 74;

    /// Every code and its meaning, for `--help` and the man page (the README has the same table).
    pub const TABLE: &[(u8, &str)] = &[
        (PASS, "verdict pass, or not_applicable (no principal check)"),
        (WARN, "verdict warn (works on current Windows, not on every client, or an unknown rule applied)"),
        (FAIL, "verdict fail"),
        (UNKNOWN, "verdict unknown: no server certificate (only CAs), none bound to IIS, a name past a list PowerShell cut, or a fullsic: principal"),
        (USAGE, "bad arguments"),
        (DATA, "an input held no readable certificate (the report still says what it found)"),
        (NO_INPUT, "a file could not be opened"),
        (SOFTWARE, "the JSON report could not be made (an internal error)"),
        (IO_ERROR, "the report could not be written (a full disk, a closed standard output)"),
    ];
}

/// What `--generate` writes to standard output.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Generate {
    /// The man page (roff): msstd-check.1.
    Man,
    /// Bash completions.
    CompleteBash,
    /// Zsh completions (_msstd-check).
    CompleteZsh,
    /// Fish completions.
    CompleteFish,
}

/// Would Outlook Anywhere mutual authentication (msstd: principal names) succeed
/// against this Exchange certificate? Fully offline.
#[derive(Parser, Debug)]
#[command(name = "msstd-check", version, after_help = exit_help())]
struct Args {
    /// The principal name to check, e.g. "msstd:mail.contoso.com" (empty or None: no check).
    #[arg(long, alias = "principal", value_name = "STRING")]
    msstd: Option<String>,
    /// The RPC proxy host name (Outlook Anywhere external host name) to check coverage for.
    #[arg(long, value_name = "NAME")]
    host: Option<String>,
    /// Evaluation time, RFC 3339 (2026-11-25T00:00:00Z) or a date (2026-11-25); default now.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Print the report as JSON (one object per input; an array when several inputs are checked separately).
    #[arg(long)]
    json: bool,
    /// Treat all files as one input (a leaf and its chain in separate files).
    #[arg(long)]
    together: bool,
    /// An Autodiscover response (XML) or Get-OutlookProvider output to take the principal name and host from.
    #[arg(long, value_name = "FILE")]
    autodiscover: Option<String>,
    /// Password of .pfx/.p12 inputs (or set MSSTD_CHECK_PASSWORD; asked for on a terminal when needed).
    #[arg(long, value_name = "PASSWORD")]
    password: Option<String>,
    /// Compare the certificate in use (OLD) with its renewal (NEW), each any input FILE can be; the exit code is NEW's.
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], action = clap::ArgAction::Set, conflicts_with_all = ["files", "together"])]
    compare: Option<Vec<String>>,
    /// Write the man page or a shell's completions to standard output, and check nothing.
    #[arg(long, value_enum, value_name = "KIND")]
    generate: Option<Generate>,
    /// Certificate files (.cer, .crt, .pem, text); "-" reads standard input.
    #[arg(value_name = "FILE", required_unless_present_any = ["compare", "generate"])]
    files: Vec<String>,
}

/// The exit codes, as `--help` ends.
fn exit_help() -> String {
    let codes: Vec<String> = exit::TABLE
        .iter()
        .map(|(code, meaning)| format!("  {code:>3}  {meaning}"))
        .collect();
    format!("Exit codes:\n{}", codes.join("\n"))
}

/// The man page: clap's sections, with the exit codes as EXIT STATUS.
fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(Args::command().after_help(""));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in exit::TABLE {
        writeln!(out, ".TP\n\\fB{code}\\fR\n{meaning}")?;
    }
    writeln!(
        out,
        ".PP\nWith several files, the exit code is the most serious one: 65, then 2, 3, 1, 0."
    )?;
    man.render_version_section(out)
}

/// `--generate`: the man page or a shell's completions, from this very definition.
/// Made in memory first (clap_complete panics when its writer fails), then written.
fn generate(kind: Generate) -> Result<u8, (u8, String)> {
    use clap_complete::Shell;
    let mut text = Vec::new();
    let shell = match kind {
        Generate::Man => None,
        Generate::CompleteBash => Some(Shell::Bash),
        Generate::CompleteZsh => Some(Shell::Zsh),
        Generate::CompleteFish => Some(Shell::Fish),
    };
    match shell {
        Some(shell) => {
            clap_complete::generate(shell, &mut Args::command(), "msstd-check", &mut text)
        }
        None => man_page(&mut text)
            .map_err(|e| (exit::SOFTWARE, format!("cannot make the man page: {e}")))?,
    }
    write_out(&text).map(|()| exit::PASS)
}

fn parse_time(text: &str) -> Result<i64, String> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    let with_midnight = format!("{text}T00:00:00Z");
    OffsetDateTime::parse(&with_midnight, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| format!("--at: \"{text}\" is not an RFC 3339 time (2026-11-25T00:00:00Z) or a date (2026-11-25)"))
}

fn read_input(path: &str) -> Result<(String, Vec<u8>), String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(("stdin".into(), bytes));
    }
    std::fs::read(path)
        .map(|bytes| (path.to_string(), bytes))
        .map_err(|e| format!("cannot read {path}: {e}"))
}

/// Did any input turn out to be a .pfx that needs a password?
fn needs_password(reports: &[Report]) -> bool {
    reports.iter().any(|r| r.needs_password)
}

fn exit_code(report: &Report) -> u8 {
    if report.input_unreadable() {
        return exit::DATA;
    }
    match report.verdict.overall {
        Verdict::Pass | Verdict::NotApplicable => exit::PASS,
        Verdict::Warn => exit::WARN,
        Verdict::Fail => exit::FAIL,
        Verdict::Unknown => exit::UNKNOWN,
    }
}

/// Combine per-input exit codes: input problems first, then the worst verdict.
fn worst(codes: &[u8]) -> u8 {
    let order = [
        exit::DATA,
        exit::FAIL,
        exit::UNKNOWN,
        exit::WARN,
        exit::PASS,
    ];
    order
        .into_iter()
        .find(|code| codes.contains(code))
        .unwrap_or(exit::PASS)
}

fn run() -> Result<u8, (u8, String)> {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::PASS
            };
            let _ = e.print();
            return Ok(code);
        }
    };
    if let Some(kind) = args.generate {
        return generate(kind);
    }
    let at = match &args.at {
        Some(text) => parse_time(text).map_err(|m| (exit::USAGE, m))?,
        None => OffsetDateTime::now_utc().unix_timestamp(),
    };
    let mut options = Options {
        principal: args.msstd.clone(),
        host: args.host.clone(),
        at,
        password: args
            .password
            .clone()
            .or_else(|| std::env::var("MSSTD_CHECK_PASSWORD").ok()),
    };
    if let Some(pair) = &args.compare {
        return run_compare(&args, pair, options);
    }
    let mut inputs = Vec::new();
    for path in &args.files {
        inputs.push(read_input(path).map_err(|m| (exit::NO_INPUT, m))?);
    }
    let settings = match &args.autodiscover {
        Some(path) => Some(read_input(path).map_err(|m| (exit::NO_INPUT, m))?),
        None => None,
    };
    let mut groups: Vec<Vec<Input<'_>>> = if args.together {
        vec![inputs
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect()]
    } else {
        inputs
            .iter()
            .map(|(name, bytes)| vec![Input { name, bytes }])
            .collect()
    };
    if let Some((name, bytes)) = &settings {
        for group in &mut groups {
            group.push(Input { name, bytes });
        }
    }
    let mut reports: Vec<Report> = groups
        .iter()
        .map(|group| analyze(group, &options))
        .collect();
    let piped = args.files.iter().any(|f| f == "-");
    if options.password.is_none()
        && needs_password(&reports)
        && std::io::stdin().is_terminal()
        && !piped
    {
        if let Ok(password) = rpassword::prompt_password("Password of the .pfx file: ") {
            options.password = Some(password);
            reports = groups
                .iter()
                .map(|group| analyze(group, &options))
                .collect();
        }
    }

    write_reports(&reports, args.json)?;
    let codes: Vec<u8> = reports.iter().map(exit_code).collect();
    Ok(worst(&codes))
}

/// Prints the reports (JSON or text).
fn write_reports(reports: &[Report], json: bool) -> Result<(), (u8, String)> {
    let text = if json {
        let json = if reports.len() == 1 {
            serde_json::to_string_pretty(&reports[0])
        } else {
            serde_json::to_string_pretty(&reports)
        };
        let json = json.map_err(|e| (exit::SOFTWARE, format!("cannot write JSON: {e}")))?;
        format!("{json}\n")
    } else {
        let texts: Vec<String> = reports.iter().map(text_report::render).collect();
        texts.join("\n==========\n\n")
    };
    write_out(text.as_bytes())
}

/// Writes `bytes` to standard output; a reader that went away (a closed pipe) is not an error.
fn write_out(bytes: &[u8]) -> Result<(), (u8, String)> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err((exit::IO_ERROR, format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// `--compare OLD NEW`: both analyzed with the same options. A side that cannot
/// be opened is said so on stderr and compared as having no certificate; the
/// exit code is the new side's (66 when it could not be opened).
fn run_compare(args: &Args, pair: &[String], mut options: Options) -> Result<u8, (u8, String)> {
    let settings = match &args.autodiscover {
        Some(path) => Some(read_input(path).map_err(|m| (exit::NO_INPUT, m))?),
        None => None,
    };
    let mut sides = Vec::new();
    for (path, side) in pair.iter().zip(["old", "new"]) {
        sides.push(read_input(path).map_err(|m| {
            eprintln!("msstd-check: {m} (the {side} side is shown without a certificate)");
        }));
    }
    let group = |side: usize| -> Vec<Input<'_>> {
        sides[side]
            .iter()
            .chain(settings.iter())
            .map(|(name, bytes)| Input { name, bytes })
            .collect()
    };
    let (old, new) = (group(0), group(1));
    let mut comparison = compare::compare(&old, &new, &options);
    let locked = [&comparison.old, &comparison.new]
        .iter()
        .any(|r| needs_password(std::slice::from_ref(*r)));
    if options.password.is_none()
        && locked
        && std::io::stdin().is_terminal()
        && !pair.iter().any(|f| f == "-")
    {
        if let Ok(password) = rpassword::prompt_password("Password of the .pfx file: ") {
            options.password = Some(password);
            comparison = compare::compare(&old, &new, &options);
        }
    }
    let text = if args.json {
        let json = serde_json::to_string_pretty(&comparison)
            .map_err(|e| (exit::SOFTWARE, format!("cannot write JSON: {e}")))?;
        format!("{json}\n")
    } else {
        compare::text::render(&comparison)
    };
    write_out(text.as_bytes())?;
    Ok(match sides[1] {
        Err(()) => exit::NO_INPUT,
        Ok(_) => exit_code(&comparison.new),
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err((code, message)) => {
            eprintln!("msstd-check: {message}");
            ExitCode::from(code)
        }
    }
}
