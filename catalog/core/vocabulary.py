"""The vocabularies file (vocabulary.yml): the values that records may choose from.

Editors extend the lists; models name the list a field draws from with `Vocab("name")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.kinds import MODELS
from catalog.core.models import Vocab, markers
from catalog.core.problems import Problem, error, warning
from catalog.load.yamlsource import read_source

VOCABULARY_FILE = "vocabulary.yml"


def used_vocabularies() -> dict[str, list[str]]:
    """Vocabulary name → the `kind.field` names that draw from it, from the models alone."""
    used: dict[str, list[str]] = {}
    for kind, model in MODELS.items():
        for name, info in model.model_fields.items():
            for marker in markers(info):
                if isinstance(marker, Vocab):
                    used.setdefault(marker.name, []).append(f"{kind}.{name}")
    return used


@dataclass
class Vocabularies:
    lists: dict[str, list[str]] = field(default_factory=dict)
    positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def values(self, name: str) -> list[str]:
        return self.lists.get(name, [])


def load_vocabularies(root: Path) -> tuple[Vocabularies, list[Problem]]:
    path = root / VOCABULARY_FILE
    vocab = Vocabularies()
    if not path.is_file():
        return vocab, [
            error(
                VOCABULARY_FILE,
                1,
                1,
                "missing-vocabulary",
                f"找不到词表文件 {VOCABULARY_FILE}（vocabulary file missing）",
                "在目录根放一个 vocabulary.yml，列出类别、对象、形式等可选值",
            )
        ]
    source = read_source(path, VOCABULARY_FILE)
    problems = list(source.problems)
    if not isinstance(source.data, dict):
        return vocab, problems
    needed = used_vocabularies()
    for name, values in source.data.items():
        line, col = source.position((name,), key=True)
        if name not in needed:
            problems.append(
                warning(
                    VOCABULARY_FILE,
                    line,
                    col,
                    "unused-vocabulary",
                    f"词表 {name} 没有被任何字段使用（unused vocabulary）",
                    "可用的词表名：" + "、".join(sorted(needed)),
                )
            )
        if not isinstance(values, list) or not values:
            problems.append(
                error(
                    VOCABULARY_FILE,
                    line,
                    col,
                    "bad-vocabulary",
                    f"词表 {name} 应当是一个非空列表，每行“- 取值”（must be a list）",
                )
            )
            continue
        clean: list[str] = []
        for index, value in enumerate(values):
            vline, vcol = source.position((name, index))
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                problems.append(
                    error(
                        VOCABULARY_FILE,
                        vline,
                        vcol,
                        "bad-vocabulary",
                        f"词表 {name} 的取值应当是文字（must be text）",
                    )
                )
                continue
            text = str(value).strip()
            if text in clean:
                problems.append(
                    error(
                        VOCABULARY_FILE,
                        vline,
                        vcol,
                        "duplicate-value",
                        f"词表 {name} 中“{text}”重复（duplicate value）",
                        "删除重复的一行",
                    )
                )
                continue
            clean.append(text)
            vocab.positions[(name, text)] = (vline, vcol)
        vocab.lists[name] = clean
    for name, fields in needed.items():
        if name not in vocab.lists and name not in source.data:
            problems.append(
                error(
                    VOCABULARY_FILE,
                    1,
                    1,
                    "missing-vocabulary",
                    f"缺少词表 {name}（{'、'.join(fields)} 需要它）（vocabulary missing）",
                    f"在 {VOCABULARY_FILE} 中加上 `{name}:` 和它的取值列表",
                )
            )
    return vocab, problems
