"""``fairseq-maml-flags``: the plugin's own flags with their defaults and help.

fairseq's ``--help`` lists the flags of its own tasks' parents but not those a plugin's task
adds. This command lists them, read from the same dataclasses fairseq builds its parser from (and
through fairseq's own ``gen_parser_from_dataclass``), so it cannot drift from the code::

    fairseq-maml-flags               # the task's, model's and criterion's own flags
    fairseq-maml-flags --all         # also the fairseq flags they inherit
    fairseq-maml-flags --markdown    # the same as Markdown tables

"Own" is what fairseq itself does not have: the fields of ``MetaTranslationConfig`` that fairseq's
``TranslationConfig`` lacks, the fields of ``ULRTransformerConfig`` that fairseq's ``transformer``
model has no flag for (the ``--ulr-*`` flags; their defaults per architecture where one differs),
and the fields of the criterion's config beyond ``label_smoothed_cross_entropy``'s.
"""

import argparse
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

__all__ = ["Flag", "Section", "sections", "format_text", "format_markdown", "main"]


@dataclass
class Flag:
    names: List[str]  # e.g. ["--source-lang", "-s"]
    default: object
    help: str
    choices: Optional[List[str]] = None
    switch: bool = False  # takes no value (store_true / store_false)
    turns_off: bool = False  # a store_false switch: on by default, the flag turns it off
    by_arch: Optional[Dict[str, object]] = None  # architecture -> its default where it differs
    metavar: str = "VALUE"  # what the flag takes: INT, FLOAT, STR

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass
class Section:
    title: str
    usage: str  # how to select it on the command line
    own: List[Flag]
    inherited: List[Flag]
    inherited_from: str


def _flags(dataclass_type) -> Dict[str, Flag]:
    """{dest: Flag} of the parser fairseq generates from ``dataclass_type`` (fields without help
    whose default is an interpolation like ``${task.max_source_positions}`` are left out, as
    fairseq leaves them out: another group owns that flag)."""
    from fairseq.dataclass.utils import gen_parser_from_dataclass

    parser = argparse.ArgumentParser(add_help=False)
    gen_parser_from_dataclass(parser, dataclass_type())
    return {a.dest: _flag(a) for a in parser._actions if a.option_strings}


def _flag(action: argparse.Action) -> Flag:
    switch = isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction))
    kind = getattr(action.type, "__name__", "")
    return Flag(list(action.option_strings), action.default, " ".join((action.help or "").split()),
                list(action.choices) if action.choices else None, switch,
                turns_off=isinstance(action, argparse._StoreFalseAction), metavar=kind.upper() if kind in ("int", "float", "str") else "VALUE")


def _stock_transformer_dests() -> set:
    from fairseq.models.transformer import TransformerModel

    parser = argparse.ArgumentParser(add_help=False)
    TransformerModel.add_args(parser)
    return {a.dest for a in parser._actions}


def _arch_defaults(model: str, dests: Sequence[str], defaults: Dict[str, object]) -> Dict[str, Dict[str, object]]:
    """{dest: {arch: default}} for the architectures of ``model`` whose default differs from the
    dataclass's (what ``--arch ARCH`` fills in when the flag is not given)."""
    from fairseq.models import ARCH_CONFIG_REGISTRY, ARCH_MODEL_INV_REGISTRY

    out: Dict[str, Dict[str, object]] = {d: {} for d in dests}
    for arch in ARCH_MODEL_INV_REGISTRY.get(model, []):
        args = argparse.Namespace()
        ARCH_CONFIG_REGISTRY[arch](args)
        for d in dests:
            if hasattr(args, d) and getattr(args, d) != defaults[d]:
                out[d][arch] = getattr(args, d)
    return out


def sections() -> List[Section]:
    """The task's, the model's and the criterion's flags, own and inherited."""
    from fairseq.criterions.label_smoothed_cross_entropy import LabelSmoothedCrossEntropyCriterionConfig
    from fairseq.models import ARCH_MODEL_INV_REGISTRY
    from fairseq.tasks.translation import TranslationConfig

    from ..criterions.meta_label_smoothed_cross_entropy import MetaLabelSmoothedCrossEntropyCriterionConfig
    from ..models.ulr_transformer import ULRTransformerConfig
    from ..tasks.config import MetaTranslationConfig

    def split(flags: Dict[str, Flag], stock: set):
        return [f for d, f in flags.items() if d not in stock], [f for d, f in flags.items() if d in stock]

    task = _flags(MetaTranslationConfig)
    own_task, base_task = split(task, set(_flags(TranslationConfig)))

    model = _flags(ULRTransformerConfig)
    own_model, base_model = split(model, _stock_transformer_dests())
    by_arch = _arch_defaults("ulr_transformer", list(model), {d: f.default for d, f in model.items()})
    for d, f in model.items():
        f.by_arch = by_arch[d] or None

    crit = _flags(MetaLabelSmoothedCrossEntropyCriterionConfig)
    own_crit, base_crit = split(crit, set(_flags(LabelSmoothedCrossEntropyCriterionConfig)))

    return [
        Section("task meta_translation", "--task meta_translation", own_task, base_task,
                "fairseq's translation task"),
        Section("model ulr_transformer", "--arch " + " | ".join(ARCH_MODEL_INV_REGISTRY["ulr_transformer"]),
                own_model, base_model, "fairseq's transformer"),
        Section("criterion meta_label_smoothed_cross_entropy", "--criterion meta_label_smoothed_cross_entropy",
                own_crit, base_crit, "fairseq's label_smoothed_cross_entropy"),
    ]


def show_default(flag: Flag) -> str:
    """The default as a user would type or read it: off/on for a switch, unset for None."""
    value = flag.default
    if flag.switch:
        return ("on" if value else "off") + ("; the flag turns it off" if flag.turns_off else "")
    if value is None:
        return "unset"
    return str(value)


def _default_text(flag: Flag) -> str:
    text = show_default(flag)
    if flag.by_arch:
        text += "".join(f"; {arch}: {v}" for arch, v in flag.by_arch.items())
    return text


def _signature(flag: Flag) -> str:
    names = ", ".join(flag.names)
    if flag.choices:
        return f"{names} {{{','.join(flag.choices)}}}"
    return names if flag.switch else f"{names} {flag.metavar}"


def format_text(secs: Sequence[Section], everything: bool = False, width: Optional[int] = None) -> str:
    width = width or max(60, min(110, shutil.get_terminal_size((100, 24)).columns))
    wrap = textwrap.TextWrapper(width=width, initial_indent=" " * 8, subsequent_indent=" " * 8,
                                break_on_hyphens=False)
    out = ["The flags fairseq_maml adds to fairseq (fairseq's --help does not list them), for fairseq-train, "
           "fairseq-generate and fairseq-interactive with --user-dir fairseq_maml."]

    def listing(flags: Sequence[Flag]) -> None:
        for f in flags:
            out.append(f"    {_signature(f)}   (default: {_default_text(f)})")
            if f.help:
                out.append(wrap.fill(f.help))

    for s in secs:
        out += ["", f"{s.title} ({s.usage})"]
        if not s.own:
            names = "" if everything else f": {', '.join(f.name for f in s.inherited) or 'none'}"
            out.append(wrap.fill(f"no flags of its own, the flags of {s.inherited_from}{names}")[4:])
        listing(s.own)
        if everything and s.inherited:
            out.append(f"  inherited from {s.inherited_from}:")
            listing(s.inherited)
        elif s.own and s.inherited:
            out.append(f"    ... and the {len(s.inherited)} flags of {s.inherited_from} (fairseq-maml-flags --all)")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def format_markdown(secs: Sequence[Section], everything: bool = False) -> str:
    out = ["<!-- generated by fairseq-maml-flags --markdown -->"]
    for s in secs:
        out += ["", f"## {s.title} (`{s.usage}`)", ""]
        flags = list(s.own) + (list(s.inherited) if everything else [])
        if not flags:
            out.append(f"No flags of its own, the flags of {s.inherited_from}: "
                       f"{', '.join(f'`{f.name}`' for f in s.inherited) or 'none'}.")
            continue
        if s.inherited and not everything:
            out += [f"And the {len(s.inherited)} flags of {s.inherited_from} (`fairseq-maml-flags --all` lists them).", ""]
        out += ["| flag | default | meaning |", "|---|---|---|"]
        for f in flags:
            choices = f" (choices: {', '.join(f'`{c}`' for c in f.choices)})" if f.choices else ""
            mark = f" ({s.inherited_from})" if f in s.inherited else ""
            out.append(f"| {', '.join(f'`{n}`' for n in f.names)} | `{_md(_default_text(f))}` | "
                       f"{_md(f.help)}{choices}{mark} |")
    return "\n".join(out) + "\n"


def get_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fairseq-maml-flags",
        description="List the flags fairseq_maml adds to fairseq (task meta_translation, model "
        "ulr_transformer, criterion meta_label_smoothed_cross_entropy) with their defaults and help, "
        "read from the code's dataclasses. fairseq's own --help does not list them.",
    )
    p.add_argument("--all", action="store_true", help="also list the fairseq flags they inherit")
    p.add_argument("--markdown", action="store_true", help="print Markdown tables")
    return p


def main(argv: Optional[Sequence[str]] = None) -> str:
    args = get_parser().parse_args(argv)
    secs = sections()
    text = format_markdown(secs, args.all) if args.markdown else format_text(secs, args.all)
    sys.stdout.write(text)
    return text


def cli_main(argv: Optional[Sequence[str]] = None) -> None:
    main(argv)


if __name__ == "__main__":
    cli_main()
