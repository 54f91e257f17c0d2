//! Every file the tool writes — `-o` lists and reports, exports, rejects files, backups, the
//! demo's spreadsheets — goes through here, so that no output can destroy data:
//!
//! - a path that is, or resolves to (symlinks followed, same device and inode), the open
//!   database, its `-wal`, `-shm` or `-journal`, or the file being read is refused before
//!   anything is touched ([`check`]);
//! - the file is written under a temporary name in the same folder, created owner-only (0600,
//!   whatever the umask: outputs hold names, and often ID numbers), flushed to disk, then renamed
//!   over its final name ([`OutputFile`]). A failure, a full disk or a kill leaves nothing under
//!   the final name; a failure removes the temporary file too, and one a killed run left behind
//!   is removed by the next output to the same name (on Linux, once its process is gone).
//!
//! The paths to protect are registered once per process ([`protect`]) by the command glue, which
//! knows the database and the input, so that no writer can forget to check them.

use anyhow::{bail, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::i18n::say;

/// What a protected path is, for the refusal message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    /// The database: the file and its SQLite side files.
    Database,
    /// A file the command reads.
    Input,
}

static PROTECTED: Mutex<Vec<(Protected, PathBuf)>> = Mutex::new(Vec::new());

/// Registers a path no output may overwrite for the rest of this process.
pub fn protect(kind: Protected, path: &Path) {
    let mut list = PROTECTED.lock().unwrap_or_else(|e| e.into_inner());
    list.push((kind, path.to_path_buf()));
}

/// The side files SQLite keeps beside a database.
const SIDE_FILES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// `path` with its symlinks and `..` resolved: the file itself when it exists, else its folder
/// resolved with the name appended (a file about to be created).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(name))
}

/// Device and inode: a hard link has the same pair as the file it links to.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<(u64, u64)> {
    None
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Which protected file `output` would overwrite, if any.
fn clash(output: &Path, protected: &[(Protected, PathBuf)]) -> Option<(Protected, PathBuf)> {
    let out_name = resolved(output);
    let out_id = identity(output);
    for (kind, path) in protected {
        let suffixes: &[&str] = match kind {
            Protected::Database => &SIDE_FILES,
            Protected::Input => &[""],
        };
        for suffix in suffixes {
            let candidate = with_suffix(path, suffix);
            let same_name = out_name.is_some() && out_name == resolved(&candidate);
            let same_file = out_id.is_some() && out_id == identity(&candidate);
            if same_name || same_file {
                return Some((*kind, path.clone()));
            }
        }
    }
    None
}

/// Refuses an output path that is (or resolves to) the database, one of its side files, or a
/// file being read. Nothing is touched.
pub fn check(output: &Path) -> Result<()> {
    let protected = PROTECTED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some((kind, path)) = clash(output, &protected) {
        let (output, path) = (&output.display(), &path.display());
        bail!(match kind {
            Protected::Database => say::OutputIsDatabase {
                output,
                database: path
            }
            .said(),
            Protected::Input => say::OutputIsInput {
                output,
                input: path
            }
            .said(),
        });
    }
    if output.is_dir() {
        bail!(say::OutputIsDirectory {
            output: &output.display()
        }
        .said());
    }
    Ok(())
}

/// A file being written under a temporary name beside its final one. [`OutputFile::commit`]
/// moves it into place; dropped uncommitted, it is removed.
pub struct OutputFile {
    /// The final name, symlinks resolved: writing to a link replaces the file it points to.
    path: PathBuf,
    /// The name the user gave, for messages.
    shown: PathBuf,
    partial: PathBuf,
    out: Option<BufWriter<File>>,
}

impl OutputFile {
    /// Checks `path` ([`check`]) and creates the temporary file, owner-only.
    pub fn create(path: &Path) -> Result<OutputFile> {
        check(path)?;
        let fail = || {
            say::CannotWrite {
                path: &path.display(),
            }
            .said()
        };
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let name = target.file_name().ok_or_else(fail)?.to_os_string();
        remove_stale_partials(&target, &name);
        let mut attempt = 0u32;
        loop {
            let mut temp = std::ffi::OsString::from(".");
            temp.push(&name);
            temp.push(format!(".{}-{attempt}.partial", std::process::id()));
            let partial = target.with_file_name(temp);
            match private_new_file(&partial) {
                Ok(file) => {
                    return Ok(OutputFile {
                        path: target,
                        shown: path.to_path_buf(),
                        partial,
                        out: Some(BufWriter::new(file)),
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(anyhow::Error::new(fail().because(e))),
            }
        }
    }

    /// The temporary file's path, for a writer that opens files by name (SQLite's backup).
    pub fn partial_path(&self) -> &Path {
        &self.partial
    }

    /// Flushes the file to disk and renames it to its final name (replacing any file there).
    pub fn commit(mut self) -> Result<()> {
        let fail = || {
            say::CannotWrite {
                path: &self.shown.display(),
            }
            .said()
        };
        let out = self.out.take().expect("open until committed");
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(|e| fail().because(e))?;
        file.sync_all().map_err(|e| fail().because(e))?;
        drop(file);
        if let Err(e) = std::fs::rename(&self.partial, &self.path) {
            let _ = std::fs::remove_file(&self.partial);
            return Err(anyhow::Error::new(fail().because(e)));
        }
        // The rename itself reaches the disk with its folder.
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.as_mut().expect("open until committed").write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out
            .as_mut()
            .expect("open until committed")
            .write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.as_mut().expect("open until committed").flush()
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.partial);
            // SQLite's journal for a backup being written.
            let _ = std::fs::remove_file(with_suffix(&self.partial, "-journal"));
        }
    }
}

/// Removes the temporary files earlier runs left beside `target` (named `name`) —
/// `.NAME.PID-N.partial`, and the `-journal` of a backup — whose process is gone: killed
/// (`kill -9`, a power cut) before it could remove them. Linux only, where a process that is
/// gone has no `/proc/PID`; a file of a running process, or of another target, is left alone.
fn remove_stale_partials(target: &Path, name: &std::ffi::OsStr) {
    #[cfg(target_os = "linux")]
    {
        let proc = Path::new("/proc");
        // No /proc mounted: nothing can be known gone.
        if !proc.join("self").exists() {
            return;
        }
        let Some(name) = name.to_str() else { return };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let prefix = format!(".{name}.");
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        for entry in entries.flatten() {
            let file = entry.file_name();
            let Some(file) = file.to_str() else { continue };
            let Some(rest) = file.strip_prefix(&prefix).and_then(|r| {
                r.strip_suffix(".partial")
                    .or_else(|| r.strip_suffix(".partial-journal"))
            }) else {
                continue;
            };
            let Some((pid, attempt)) = rest.split_once('-') else {
                continue;
            };
            if !digits(pid) || !digits(attempt) || pid == std::process::id().to_string() {
                continue;
            }
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            if regular && !proc.join(pid).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (target, name);
}

/// Writes `text` and a line break to `path` through an [`OutputFile`] (a JSON document).
pub fn write_line(path: &Path, text: &str) -> Result<()> {
    let mut f = OutputFile::create(path)?;
    writeln!(f, "{text}").map_err(|e| {
        say::CannotWrite {
            path: &path.display(),
        }
        .said()
        .because(e)
    })?;
    f.commit()
}

/// Creates a new file readable and writable by its owner only. Fails if it exists.
pub fn private_new_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The umask can only take bits away: 0600 stays 0600 or less.
        options.mode(0o600);
    }
    options.open(path)
}

/// A progress bar on stderr (`total` known: a bar with the percentage; unknown: a spinner),
/// hidden when stderr is not a terminal.
pub fn progress_bar(label: &str, total: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {percent}% {elapsed_precise}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.set_message(label.to_string());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_its_side_files_links_and_inputs_clash() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("u.db");
        std::fs::write(&db, b"x").unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, b"y").unwrap();
        let protected = vec![
            (Protected::Database, db.clone()),
            (Protected::Input, input.clone()),
        ];
        assert_eq!(
            clash(&db, &protected).map(|c| c.0),
            Some(Protected::Database)
        );
        for side in ["u.db-wal", "u.db-shm", "u.db-journal"] {
            let p = dir.path().join(side);
            assert!(clash(&p, &protected).is_some(), "{side}");
        }
        // Through a symlink, a hard link, and a path with `..` in it.
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert!(clash(&link, &protected).is_some());
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&input, &hard).unwrap();
            assert_eq!(
                clash(&hard, &protected).map(|c| c.0),
                Some(Protected::Input)
            );
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let dotted = dir.path().join("sub/../u.db");
        assert!(clash(&dotted, &protected).is_some());
        // Other files, existing or not, do not clash.
        assert!(clash(&dir.path().join("out.csv"), &protected).is_none());
        assert!(clash(&dir.path().join("u.db.csv"), &protected).is_none());
        assert!(clash(&dir.path().join("in.csv-wal"), &protected).is_none());
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_a_commit_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, b"old").unwrap();
        {
            let mut f = OutputFile::create(&path).unwrap();
            f.write_all(b"half").unwrap();
            // Dropped without commit: an error half-way.
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = OutputFile::create(&path).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
