"""``carewatch evaluate``: measure the extractor against coded incidents (JSONL)."""

from __future__ import annotations

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..evaluate import EvaluationReport, evaluate_file, write_errors
from .neutral import SafeConsole, markup_line
from .options import extractor_option
from .output import Output, output_options


@click.command("evaluate", short_help="Measure the extractor against coded incidents.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@output_options(
    "table",
    "json",
    format_help="A table of field, measure, value and n; "
    'or one JSON object {field: {measure: value, "n": count}}.',
)
@click.option(
    "--limit", type=click.IntRange(min=1), metavar="N", help="Evaluate the first N rows only."
)
@extractor_option
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write each mismatch (id, field, gold, predicted, text) to FILE as JSON Lines.",
)
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar on standard error.")
def evaluate(
    file: str,
    out: Output,
    limit: int | None,
    extractor_name: str | None,
    errors_path: str | None,
    no_progress: bool,
) -> None:
    """Run the extractor on every row of FILE (JSON Lines of coded incidents, in the shape
    of Insecurity Insight's data: text, label_health_attack, date, iso3, weapon,
    perpetrator_type, health_workers_killed/injured/kidnapped/arrested,
    facilities_damaged/destroyed) and print, per field, how often it agrees with the codes.

    \b
    Fields and measures:
      detection                  precision, recall, F1 of "an attack on health care"
                                 (rows dated 2020-2023 only)
      weapon, perpetrator_type   accuracy, codes mapped to our taxonomies
      health_workers_<kind>      precision, recall, F1 of a non-zero count; exact accuracy
      facility_damaged_or_destroyed   precision, recall, F1
      year, month                accuracy of the incident's date
      unparseable                rows that are not JSON with a text, or that failed

    \b
    Example:
      carewatch evaluate ../shared/data/insecurity-insight/dev.jsonl --limit 500 \\
          --errors mismatches.jsonl
    """
    from ..settings import load_settings

    extractor = load_settings(extractor=extractor_name).extractor
    stderr = SafeConsole(stderr=True)
    show_progress = not no_progress and stderr.is_terminal
    if show_progress:
        total = _count_rows(file, limit)
        with Progress(
            TextColumn("evaluating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=stderr,
            transient=True,
        ) as progress:
            task = progress.add_task("rows", total=total)
            report = evaluate_file(file, extractor, limit, on_row=lambda: progress.advance(task))
    else:
        report = evaluate_file(file, extractor, limit)

    if errors_path:
        written = write_errors(report, errors_path)
        stderr.print(f"{written} mismatches written to {markup_line(str(errors_path))}")
    if out.format == "json":
        out.json(report.as_dict())
    else:
        out.print(report_table(report))


def _count_rows(path: str, limit: int | None) -> int:
    with open(path, encoding="utf-8") as handle:
        total = sum(1 for line in handle if line.strip())
    return min(total, limit) if limit is not None else total


def report_table(report: EvaluationReport) -> Table:
    """The report as a rich table: field, measure, value, n."""
    table = Table(title=f"{report.extractor}: {report.rows} rows")
    table.add_column("field")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    for field_name, measures in report.as_dict().items():
        n = measures.get("n", "")
        for measure, value in measures.items():
            if measure == "n":
                continue
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            table.add_row(field_name, measure, shown, str(n))
            field_name = ""
    return table
