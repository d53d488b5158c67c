//! Trend placeholder.
use anyhow::Result;
/// Trend.
#[derive(Debug, serde::Serialize)]
pub struct Trend {}
/// Run.
pub fn run(_args: crate::cli::TrendArgs) -> Result<u8> {
    Ok(0)
}
