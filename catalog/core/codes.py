"""Every problem code in one table: severity, message and hint templates, an example each.

A call site names a code and passes the values that vary; `problem()` takes the severity,
the wording and the hint from here (a hint computed at the call site, such as "did you
mean" suggestions, may replace the table's). Where a message is composed from pieces (YAML
syntax explanations, Pydantic error translations, a cell's column title), the table has
the stable frame and the call site passes the varying text as a value.

Most codes have one wording; a code with several (an encoding problem in a record file or
in a sheet, say) has one row per wording, told apart by `variant`. The editor guide's list
of problems (docs/editor-guide.md) is generated from this table (`catalog codes
--markdown`), with the example of every row rendered as an editor sees it.

Templates are `str.format` templates: a literal brace is written `{{` or `}}`.
"""

from __future__ import annotations

import string
from dataclasses import KW_ONLY, dataclass, field

from catalog.core.kinds import KINDS
from catalog.core.problems import Problem, Severity

_NAMES = [kind.name for kind in KINDS.values()]
KIND_CHOICE = "、".join(_NAMES[:-1]) + " 或 " + _NAMES[-1]  # 课程、师资、教学点位、教学路线 或 套餐

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, eq=False)
class Example:
    """A realistic example of the problem (paths and values of the demo catalog): where, and the values."""

    path: str
    line: int
    column: int
    values: dict[str, object] = field(default_factory=dict)


def at(path: str, line: int, column: int, /, **values: object) -> Example:
    return Example(path, line, column, values)


@dataclass(frozen=True, eq=False)
class Code:
    """One wording of one problem code."""

    code: str
    severity: Severity
    title: str  # what it means, for the guide
    _: KW_ONLY
    message: str  # str.format template
    example: Example
    hint: str = ""  # str.format template; replaced where the call site computes one
    variant: str = ""  # tells apart the wordings of a code that has several
    advice: str = ""  # what to do, for the guide, when the hint alone does not say it
    # A reminder about one record each (a site nothing uses): when many records have it, the
    # text output says it once, with this template ({count}: how many), instead of one line each.
    summary: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.code, self.variant

    def placeholders(self) -> set[str]:
        """The names the templates need."""
        return {
            name.split(".")[0].split("[")[0]
            for template in (self.message, self.hint)
            for _, name, _, _ in string.Formatter().parse(template)
            if name is not None
        }

    def make(self, path: str, line: int, column: int, hint: str | None, values: dict) -> Problem:
        message = self.message.format(**values)
        hint = self.hint.format(**values) if hint is None else hint
        return Problem(path, line, column, self.severity, self.code, message, hint)

    def sample(self) -> Problem:
        """The example, as `catalog check` would report it."""
        ex = self.example
        return self.make(ex.path, ex.line, ex.column, None, ex.values)

    def what_to_do(self) -> str:
        return self.advice or self.sample().hint


@dataclass(frozen=True, eq=False)
class Group:
    """Codes of one kind, a section of the editor guide."""

    title: str
    intro: str
    codes: tuple[Code, ...]


def problem(
    code: str, path: str, line: int, column: int, /, *, variant: str = "", hint: str | None = None, **values
) -> Problem:
    """The problem `code` (in its `variant` wording) at PATH:LINE:COL, worded by the table.

    `values` fill the message and hint templates; `hint`, when not None, replaces the table's
    hint (a suggestion computed from what is there, e.g. "是不是想写：…？").
    """
    return CODES[(code, variant)].make(path, line, column, hint, values)


SEVERITY_WORDS = {ERROR: "错误", WARNING: "警告"}

_COURSE = "courses/dangshi-chuxin-mima.yml"
_TEACHER = "teachers/wang-jianguo.yml"
_SITE = "sites/binhu-dangjianguan.yml"
_ROUTE = "routes/lixin-zhuhun.yml"
_SHEET = "师资库.xlsx"
_ORDER = "收到的点单/河埒街道党工委.csv"
_ORDER_COLUMNS = "单号、单位名称、联系人、联系电话、类型、编号、名称、开始日期、结束日期、人数、备注"
_NUMBER = "20261120-g0xq-7q2m"  # 河埒街道党工委 (catalog.orders.number)
_ID_RULE = "文件名只能用小写英文字母、数字和连字符“-”，例如 wang-fang.yml"
_RESAVE_UTF8 = "用记事本“另存为”并选择编码“UTF-8”，或在 VS Code 右下角点编码→“通过编码保存”→UTF-8"


FILES = Group(
    "文件与编码",
    "记录文件放错了地方、文件名不能当 id、文件不是 UTF-8 文本：这个文件整个没有被读取。",
    (
        Code(
            "empty-file",
            ERROR,
            "文件是空的",
            message="文件是空的（empty file）",
            hint="用 `catalog new` 生成带说明的模板，或删除这个文件",
            example=at("courses/xin-kecheng.yml", 1, 1),
        ),
        Code(
            "encoding",
            ERROR,
            "文件不是 UTF-8 编码（GBK）",
            message="文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码"
            "（常见于 Windows 记事本、WPS 的默认保存）（file is not UTF-8）",
            hint=_RESAVE_UTF8,
            variant="gbk",
            example=at("teachers/cao-yang.yml", 1, 7),
        ),
        Code(
            "encoding",
            ERROR,
            "文件不是 UTF-8 编码（无法识别）",
            message="文件不是 UTF-8 编码，编码无法识别（file is not UTF-8）",
            hint=_RESAVE_UTF8,
            example=at("teachers/cao-yang.yml", 3, 15),
        ),
        Code(
            "encoding",
            ERROR,
            "文件里有单独的代理字符",
            message="文件里有单独的代理字符（unpaired surrogate），不是有效的 UTF-8（invalid UTF-8）",
            hint="删除这个位置看不见的字符（常见于从其他程序复制的文字），再以 UTF-8 保存",
            variant="surrogate",
            example=at(_COURSE, 3, 12),
        ),
        Code(
            "encoding",
            ERROR,
            "表格或点单的编码无法识别",
            message="文件编码无法识别，既不是 UTF-8 也不是 GBK/GB18030（unknown encoding）",
            hint="在 Excel 或 WPS 里“另存为”，文件类型选“CSV UTF-8（逗号分隔）”",
            variant="sheet",
            example=at("师资库.csv", 5, 9),
        ),
        Code(
            "control-char",
            ERROR,
            "文件里有看不见的控制字符",
            message="文件里有不可见的控制字符 U+{codepoint:04X}；YAML 不允许（control character）",
            hint="删除这个位置看不见的字符（常见于从网页、Word 或其他程序复制的文字）",
            example=at(_COURSE, 3, 12, codepoint=0x07),
        ),
        Code(
            "file-too-large",
            ERROR,
            "文件太大",
            message="文件太大（{size:,} 字节，上限 {limit:,}）（file too large）",
            hint="一条记录一个文件；大段文字请精简，图片请单独存放",
            example=at(_COURSE, 1, 1, size=1_204_331, limit=1_000_000),
        ),
        Code(
            "not-a-file",
            ERROR,
            "不是普通文件",
            message="这不是普通文件（管道、设备等），不会读取（not a regular file）",
            hint="换成普通的 .yml 文本文件",
            example=at("courses/kecheng.yml", 1, 1),
        ),
        Code(
            "unreadable",
            ERROR,
            "文件无法读取",
            message="无法读取文件（cannot read）：{reason}",
            example=at(_COURSE, 1, 1, reason="Permission denied"),
            advice="检查文件的权限（能不能用编辑器打开），或把文件重新复制一份",
        ),
        Code(
            "hidden-file",
            WARNING,
            "隐藏文件不会被读取",
            message="隐藏文件（或隐藏文件夹里的文件）不会被读取（hidden file skipped）",
            hint="如果是记录，去掉文件名或文件夹名开头的“.”；否则删除这个文件",
            example=at("courses/.dangshi-chuxin-mima.yml", 1, 1),
        ),
        Code(
            "broken-link",
            ERROR,
            "链接指向的文件不存在",
            message="这个文件是一个链接，但它指向的文件不存在（broken symlink）",
            hint="把文件本身复制进来，或删除这个链接",
            example=at("courses/dangshi-chuxin-mima.yml", 1, 1),
        ),
        Code(
            "outside-link",
            ERROR,
            "链接指向目录之外",
            message="这是指向目录之外的链接，不会读取（symlink outside the catalog）",
            hint="把文件本身复制进来，而不是放一个链接",
            example=at("teachers/wang-jianguo.yml", 1, 1),
        ),
        Code(
            "unreadable-folder",
            ERROR,
            "文件夹无法读取",
            message="无法读取这个文件夹，里面的记录都没有检查（cannot read folder）：{reason}",
            hint="检查文件夹的权限（能不能打开），或把文件夹重新复制一份",
            example=at("courses/2025", 1, 1, reason="Permission denied"),
            advice="文件夹的权限不对时，里面的记录一条也读不到；改好权限后重新检查",
        ),
        Code(
            "linked-folder",
            WARNING,
            "链接的文件夹不会被读取",
            message="这是一个链接到别处的文件夹，里面的文件不会被读取（linked folder skipped）",
            hint="记录文件直接放在数据文件夹里；不需要的链接请删除",
            example=at("courses/2025", 1, 1),
        ),
        Code(
            "not-a-record",
            ERROR,
            "数据文件夹里有不是记录的文件",
            message="{folder}/ 里只能放 .yml 记录文件，这个文件不会被读取（not a record file）",
            hint="如果是记录，把扩展名改成 .yml；图片等请放到子文件夹（如 photos/）",
            example=at("teachers/王建国简历.docx", 1, 1, folder="teachers"),
        ),
        Code(
            "nested-record",
            ERROR,
            "记录文件放在了子文件夹里",
            message="记录文件必须直接放在 {folder}/ 下，子文件夹里的不会被读取（nested record）",
            hint="把文件移到 {folder}/",
            example=at("courses/2025/dangshi-chuxin-mima.yml", 1, 1, folder="courses"),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名不能用作记录 id",
            message="文件名“{id}”不能用作记录 id（invalid id）",
            hint=_ID_RULE,
            example=at("teachers/王芳.yml", 1, 1, id="王芳"),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名不能用作记录 id（可以改名）",
            message="文件名“{id}”不能用作记录 id（invalid id）",
            hint=_ID_RULE + "；可以改名为 {slug}.yml",
            variant="rename",
            example=at("teachers/Zhang-San.yml", 1, 1, id="Zhang-San", slug="zhang-san"),
        ),
        Code(
            "bad-id",
            ERROR,
            "扩展名不是小写",
            message="扩展名应当是小写 {suffix}（extension must be lower case）",
            hint="改名为 {stem}{suffix}",
            variant="extension",
            example=at("courses/dangshi-chuxin-mima.YML", 1, 1, suffix=".yml", stem="dangshi-chuxin-mima"),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名太长",
            message="文件名有 {length} 个字符，太长了，不能用作记录 id（上限 {limit}）（id too long）",
            hint="用记录名称拼音的前几个音节，如 dangshi-chuxin-mima.yml",
            variant="long",
            example=at("courses/" + "a" * 70 + ".yml", 1, 1, length=70, limit=64),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名是 Windows 的设备名",
            message="文件名“{id}”是 Windows 保留的设备名，网站复制到 Windows 电脑或共享盘时无法保存"
            "（reserved on Windows）",
            hint="换一个文件名，如 {id}-1.yml 或用记录名称的拼音",
            variant="device",
            example=at("sites/con.yml", 1, 1, id="con"),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名是 GBK 编码的中文",
            message="文件名不是 UTF-8 编码（看起来是 GBK 编码的“{guess}”），不能用作记录 id"
            "（file name is not UTF-8）",
            hint=_ID_RULE + "（常见于 Windows 压缩包解压后的中文文件名）",
            variant="gbk-name",
            example=at("teachers/\\xcd\\xf5\\xb7\\xbc.yml", 1, 1, guess="王芳"),
        ),
        Code(
            "bad-id",
            ERROR,
            "文件名不是 UTF-8 编码",
            message="文件名不是 UTF-8 编码，不能用作记录 id（file name is not UTF-8）",
            hint=_ID_RULE + "（常见于 Windows 压缩包解压后的中文文件名）",
            variant="not-utf8-name",
            example=at("teachers/\\xff\\xfe.yml", 1, 1),
        ),
        Code(
            "reserved-id",
            ERROR,
            "文件名留给列表页使用",
            message="文件名“{id}”留给{folder}/ 的列表页使用，不能用作记录 id（reserved id）",
            hint="换一个文件名，如 {folder}-{id}.yml 或用记录名称的拼音",
            example=at("courses/index.yml", 1, 1, id="index", folder="courses"),
        ),
        Code(
            "duplicate-id",
            ERROR,
            "两个文件的 id 相同",
            message="id {id} 与 {first} 重复（duplicate id）",
            hint="两个文件只保留一个，或给其中一个改名",
            example=at(
                "sites/binhu-dangjianguan.yml",
                1,
                1,
                id="binhu-dangjianguan",
                first="sites/binhu-dangjianguan.yaml",
            ),
        ),
    ),
)


YAML = Group(
    "YAML 书写",
    "文件读得出来，但不是合格的 YAML：多半是中文输入法下的冒号、空格，Tab 缩进，或引号没有配对。"
    "全角冒号、冒号后少空格、Tab 或全角空格缩进这几种，检查时会当作已经改正接着读下去，"
    "同一个文件里的其他问题一次列出；引号没有配对等其他格式错误会让整个文件无法读取，"
    "改好后再检查一次，才会看到字段上的问题。",
    (
        Code(
            "fullwidth-colon",
            ERROR,
            "用了全角冒号",
            message="字段 {field} 后面用了全角冒号“：”；YAML 需要半角冒号“:”（full-width colon）",
            hint="改成 `{field}: 值`（半角冒号后加一个空格）",
            example=at(_COURSE, 2, 9, field="category"),
        ),
        Code(
            "fullwidth-space",
            ERROR,
            "行首有全角空格",
            message="行首有全角空格“　”；YAML 只认半角空格（full-width space in indentation）",
            hint="删除全角空格，改用半角空格缩进",
            example=at(_SITE, 7, 1),
        ),
        Code(
            "fullwidth-space",
            ERROR,
            "冒号后面是全角空格",
            message="冒号后面是全角空格“　”，应为半角空格（full-width space after colon）",
            hint="把冒号后的全角空格换成半角空格",
            variant="after-colon",
            example=at(_COURSE, 1, 7),
        ),
        Code(
            "no-space-after-colon",
            ERROR,
            "冒号后面少了空格",
            message="字段 {field} 的冒号后面少了一个空格（no space after colon）",
            hint="改成 `{field}: 值`（半角冒号后加一个空格）",
            example=at("courses/huoxian-dangqi.yml", 11, 7, field="hours"),
        ),
        Code(
            "tab-indent",
            ERROR,
            "用 Tab 缩进",
            message="用 Tab 缩进了；YAML 只能用空格缩进（tab used for indentation）",
            hint="把 Tab 换成两个空格（多数编辑器可设置“用空格代替 Tab”）",
            example=at("courses/xinshidai-sixiang-hexin.yml", 17, 1),
        ),
        Code(
            "yaml-syntax",
            ERROR,
            "YAML 格式错误（缩进、冒号）",
            message="{explained}（YAML: {raw}）",
            hint="检查这一行及上一行的缩进、冒号和引号",
            example=at(
                _COURSE,
                3,
                10,
                explained="这里不能出现“: ”：缩进可能不对，或值里含有“: ”需要加引号",
                raw="mapping values are not allowed in this context",
            ),
        ),
        Code(
            "yaml-syntax",
            ERROR,
            "引号没有配对",
            message="{explained}（YAML: {raw}）",
            hint="从这里开始的引号要成对出现；值里有引号时改用另一种引号包住",
            variant="quote",
            example=at(
                "courses/laomo-jiangtang.yml",
                1,
                8,
                explained="文件在引号或括号闭合之前就结束了，可能少了一个引号或括号",
                raw="while scanning a quoted scalar found unexpected end of stream",
            ),
        ),
        Code(
            "yaml-syntax",
            ERROR,
            "双引号里的反斜杠转义不对",
            message="{explained}（YAML: {raw}）",
            hint="删除或改正反斜杠“\\”开头的转义；要写反斜杠本身就写两个“\\\\”，或改用单引号",
            variant="escape",
            example=at(
                _COURSE,
                3,
                22,
                explained="双引号字符串里有无效的转义符 \\（unknown escape）",
                raw="while parsing a quoted scalar found unknown escape character",
            ),
        ),
        Code(
            "yaml-syntax",
            ERROR,
            "YAML 格式错误（没有位置）",
            message="YAML 格式错误：{error}",
            variant="unmarked",
            example=at(
                _COURSE, 1, 1, error="unacceptable character #x0007: special characters are not allowed"
            ),
            advice="检查这个文件的缩进、冒号和引号；看不出问题时，把文件发给维护网站的同志",
        ),
        Code(
            "too-deep",
            ERROR,
            "括号或缩进套得太深",
            message="{explained}（YAML: {raw}）",
            hint="记录的结构很浅：检查是否多写了括号“[”“{{”或“- ”",
            variant="yaml",
            example=at(
                _COURSE,
                35,
                1011,
                explained="嵌套层数太深",
                raw="while increasing flow level exceeded maximum nesting depth",
            ),
        ),
        Code(
            "too-deep",
            ERROR,
            "嵌套层数太多",
            message="嵌套超过 {limit} 层（nesting too deep）",
            hint="记录的结构很浅：检查缩进是否意外变深",
            example=at(_COURSE, 74, 67, limit=32),
        ),
        Code(
            "not-mapping",
            ERROR,
            "文件顶层不是“字段: 值”",
            message="文件顶层应当是“字段: 值”的映射（top level must be a mapping）",
            hint="每行写成 `字段名: 值`，冒号后留一个空格",
            example=at(_COURSE, 1, 1),
        ),
        Code(
            "alias",
            ERROR,
            "用了 YAML 别名",
            message="不支持 YAML 别名 *{name}（anchors/aliases are not allowed）",
            hint="把要重复的内容直接写在这里，不用 & 和 *",
            example=at(_COURSE, 21, 12, name="common"),
        ),
        Code(
            "alias",
            ERROR,
            "用了 YAML 合并键",
            message="不支持合并键“<<”（merge keys are not allowed）",
            hint="把字段直接写出来",
            variant="merge",
            example=at(_SITE, 7, 3),
        ),
        Code(
            "bad-key",
            ERROR,
            "字段名不是简单的文字",
            message="字段名必须是简单的文字（key must be plain text）",
            example=at(_COURSE, 33, 1),
            advice="字段名写成 `title:` 这样的英文单词；不要以“?”开头，也不要用列表或括号当字段名",
        ),
        Code(
            "duplicate-key",
            ERROR,
            "同一个字段写了两次",
            message="字段 {key} 重复出现，第一次在第 {first} 行（duplicate key）",
            hint="删除其中一个，只保留正确的值",
            example=at("courses/jiguan-dajiangtang.yml", 15, 1, key="hours", first=14),
        ),
        Code(
            "bad-value",
            ERROR,
            "日期不存在",
            message="日期不存在：“{value}”（{error}）",
            hint="日期写成 2024-05-01 这样的格式，并确认这一天存在",
            variant="date",
            example=at("courses/wangge-zhili.yml", 35, 11, value="2026-02-30", error="这个月没有这一天"),
        ),
        Code(
            "bad-value",
            ERROR,
            "值无法识别",
            message="值无法识别：“{value}”（{error}）",
            example=at(_COURSE, 16, 8, value="两", error="invalid literal for int() with base 10: '两'"),
            advice="删除值前面的“!!int”“!!float”等类型标记，直接写值",
        ),
    ),
)


FIELDS = Group(
    "字段与取值",
    "文件是合格的 YAML，但字段名、必填项、值的类型或格式不对。建议里的说明就是这个字段的中文解释，"
    "各字段怎么填见第四节。",
    (
        Code(
            "id-field",
            ERROR,
            "文件里写了 id",
            message="不要写 id 字段：记录 id 就是文件名（id comes from the file name）",
            hint="删除这一行；要改 id 就改文件名",
            example=at("sites/binhu-dangxiao.yml", 1, 1),
        ),
        Code(
            "missing-field",
            ERROR,
            "缺少必填字段",
            message="缺少必填字段 {field}（missing field）",
            hint="加上 `{key}: …`——{description}",
            example=at(
                "courses/qinglian-jiafeng.yml",
                1,
                1,
                field="summary",
                key="summary",
                description="一句话简介，显示在列表卡片上",
            ),
        ),
        Code(
            "missing-field",
            ERROR,
            "缺少必填字段（没有说明的字段）",
            message="缺少必填字段 {field}（missing field）",
            hint="加上 `{key}: …`",
            variant="undescribed",
            example=at(_ROUTE, 17, 5, field="stops → 第 2 项 → site", key="site"),
        ),
        Code(
            "unknown-field",
            ERROR,
            "字段名拼错或多余",
            message="未知字段 {field}（unknown field）",
            hint="{suggestion}",
            example=at(
                "courses/qinglian-jiafeng.yml", 3, 1, field="sumary", suggestion="是不是想写：summary？"
            ),
            advice="改成建议里的字段名；没有相近的字段时，建议会列出所有可用的字段（见第四节）",
        ),
        Code(
            "empty-value",
            ERROR,
            "字段没有填写",
            message="{field} 还没有填写（empty value）",
            hint="{description}",
            example=at(_COURSE, 3, 9, field="summary", description="一句话简介，显示在列表卡片上"),
            advice="在冒号后面填上值（建议里是这个字段的说明）；选填字段不用时，把整行删掉",
        ),
        Code(
            "wrong-type",
            ERROR,
            "值的类型不对",
            message="{field} 应当是{expected}，现在是 {got}（wrong type）",
            hint="{description}",
            example=at(
                "courses/huoxian-dangqi.yml",
                11,
                8,
                field="hours",
                expected="数字",
                got="“两小时”",
                description="学时，例如 2 或 1.5",
            ),
            advice="按“应当是”后面说的类型改：数字只写阿拉伯数字，列表每项一行以“- ”开头，"
            "是否只写 true 或 false（不加引号）",
        ),
        Code(
            "wrong-type",
            ERROR,
            "日期的写法不对",
            message="{field} 应当是{expected}，现在是 {got}（wrong type）",
            hint="日期写成 2024-05-01 这样的格式",
            variant="date",
            example=at(
                _COURSE, 40, 11, field="reviewed", expected="日期（如 2024-05-01）", got="“2026/5/20”"
            ),
        ),
        Code(
            "out-of-range",
            ERROR,
            "数值超出范围",
            message="{field} {relation} {bound}，现在是 {got}（out of range）",
            hint="{description}",
            example=at(
                _SITE,
                10,
                11,
                field="capacity",
                relation="不能小于",
                bound=1,
                got="“0”",
                description="单次最多接待人数",
            ),
            advice="核对数字（建议里是这个字段的说明）；不知道时，选填字段可以整行删掉",
        ),
        Code(
            "too-short",
            ERROR,
            "列表项太少",
            message="{field} 至少要有 {min} 项（too few items）",
            hint="{description}",
            example=at(
                _COURSE, 17, 10, field="formats", min=1, description="培训形式，可多选（见词表 formats）"
            ),
            advice="在列表里补上内容，每项一行，以“- ”开头",
        ),
        Code(
            "too-long",
            ERROR,
            "文字太长",
            message="{field} 太长，最多 {max} 个字（too long）",
            example=at(_TEACHER, 1, 7, field="name", max=40),
            advice="删减到规定的字数以内；名称要短，详细内容写到 description 或 bio 里",
        ),
        Code(
            "invalid-value",
            ERROR,
            "只能从几个值里选",
            message="{field} 不能是 {got}，只能是：{allowed}（invalid value）",
            hint="{suggestion}",
            example=at(
                _TEACHER,
                6,
                13,
                field="employment",
                got="“全职”",
                allowed="专职、兼职",
                suggestion="是不是想写：兼职、专职？",
            ),
            advice="改成“只能是”后面列出的某一个值，原样照抄",
        ),
        Code(
            "bad-format",
            ERROR,
            "格式不对",
            message="{field} 的格式不对：{got}（bad format）",
            hint="{description}",
            example=at(
                _TEACHER,
                17,
                10,
                field="contact → phone",
                got="“电话待定”",
                description="电话（个人信息，默认不公开）",
            ),
            advice="按字段说明的格式改：电话只写数字、空格和 + - ( )，邮箱写成 name@example.cn；"
            "不知道时整行删掉",
        ),
        Code(
            "bad-text",
            ERROR,
            "文字里有看不见的字符",
            message="{field}：{reason}",
            hint="删除看不见的特殊字符（常见于从网页或 Word 复制的文字）",
            example=at(
                _COURSE, 3, 10, field="summary", reason="文字里有不可见的控制字符 U+001B（control character）"
            ),
        ),
        Code(
            "invalid",
            ERROR,
            "值不符合要求（其他）",
            message="{field}：{reason}",
            example=at(
                _COURSE,
                32,
                11,
                field="capacity",
                reason="Unable to parse input string as an integer, exceeded maximum size",
            ),
            advice="对照第四节的字段说明改正这个值；看不懂英文说明时，请维护网站的同志帮忙",
        ),
        Code(
            "photo-outside",
            ERROR,
            "照片路径指向目录之外",
            message="照片路径“{photo}”指向目录之外（photo outside the catalog）",
            hint="把照片放到 teachers/photos/ 下，写相对路径，如 teachers/photos/wang-fang.jpg",
            example=at(_TEACHER, 12, 8, photo="../../照片/王建国.jpg"),
        ),
        Code(
            "photo-name",
            ERROR,
            "照片文件名里有不能用的字符",
            message="照片文件名“{photo}”里有“{chars}”，网址或 Windows 的文件名里不能用（bad file name）",
            hint="给照片改名，只用中文、字母、数字和“-”“_”，如 teachers/photos/wang-fang.jpg",
            example=at(_TEACHER, 12, 8, photo="teachers/photos/王芳#1.jpg", chars="#"),
        ),
        Code(
            "photo-type",
            ERROR,
            "照片不是支持的图片格式",
            message="照片“{photo}”不是支持的图片格式（unsupported image type）",
            hint="请用 {suffixes}",
            example=at(
                _TEACHER,
                12,
                8,
                photo="teachers/photos/wang-jianguo.bmp",
                suffixes=".jpg、.jpeg、.png、.webp、.gif",
            ),
        ),
        Code(
            "photo-missing",
            ERROR,
            "照片文件找不到",
            message="找不到照片文件“{photo}”（photo not found）",
            hint="检查文件名和大小写，照片放在 teachers/photos/ 下",
            example=at(_TEACHER, 12, 8, photo="teachers/photos/wang-jianguo.jpg"),
        ),
    ),
)


REFERENCES = Group(
    "引用与词表",
    "值要从词表（vocabulary.yml）里选，引用的 id 要有对应的记录文件。",
    (
        Code(
            "unknown-value",
            ERROR,
            "值不在词表里",
            message="“{value}”不在词表 {vocabulary} 中（not in vocabulary）",
            hint="{suggestion}如确需新增，请在 vocabulary.yml 的 {vocabulary} 下添加",
            example=at(
                "courses/shenbian-bangyang.yml",
                13,
                5,
                value="讲授",
                vocabulary="formats",
                suggestion="是不是想写：讲授式？",
            ),
            advice="先看建议里是不是写错了字；确实需要新的值，在 vocabulary.yml 对应的列表里加上，"
            "并在合并请求里说明理由",
        ),
        Code(
            "ambiguous-value",
            ERROR,
            "区域名称有重名",
            message="“{value}”在词表 {vocabulary} 里有 {count} 处：{paths}（ambiguous value）",
            hint="写出上一级，分清是哪一处，如 {example}",
            example=at(
                "sites/gulou-dangjianguan.yml",
                5,
                9,
                value="鼓楼区",
                vocabulary="regions",
                count=2,
                paths="福建省/福州市/鼓楼区、江苏省/南京市/鼓楼区",
                example="福州市/鼓楼区",
            ),
        ),
        Code(
            "unknown-ref",
            ERROR,
            "引用的 id 不存在",
            message="找不到{what} id “{id}”：{folder}/ 下没有 {id}.yml（unknown reference）",
            hint="先在 {folder}/ 下建立这条记录，或检查拼写",
            example=at(
                "courses/zhibu-biaozhunhua.yml", 22, 5, what="师资", id="sun-haitai", folder="teachers"
            ),
            advice="多半是拼错了：建议里会列出相近的 id（如“是不是想写：sun-haitao？”）；"
            "那条记录还没建时先建立它，已删除时从这里去掉",
        ),
        Code(
            "invalid-ref",
            WARNING,
            "引用的记录文件有错误",
            message="{what} {id} 的记录文件 {path} 有错误，这里的引用要等它改好才有效"
            "（refers to a record with errors）",
            hint="先改好那个文件，第一个错误在 {where}",
            example=at(
                "courses/zhibu-biaozhunhua.yml",
                22,
                5,
                what="师资",
                id="cao-yang",
                path="teachers/cao-yang.yml",
                where="teachers/cao-yang.yml:1:7",
            ),
            advice="这里不用改：改好被引用的那个文件（建议里给出了它的第一个错误的位置），这条提醒就会消失",
        ),
        Code(
            "archived-ref",
            WARNING,
            "引用了已停用的记录",
            message="引用的{what}“{label}”（{id}）已停用（refers to archived record）",
            hint="换成在用的记录，或把本记录也停用",
            example=at(_COURSE, 27, 5, what="师资", label="陈丽华", id="chen-lihua"),
        ),
        Code(
            "missing-vocabulary",
            ERROR,
            "没有词表文件",
            message="找不到词表文件 vocabulary.yml（vocabulary file missing）",
            hint="在目录根放一个 vocabulary.yml，列出类别、对象、形式等可选值",
            example=at("vocabulary.yml", 1, 1),
        ),
        Code(
            "missing-vocabulary",
            ERROR,
            "缺少某个词表",
            message="缺少词表 {name}（{fields} 需要它）（vocabulary missing）",
            hint="在 vocabulary.yml 中加上 `{name}:` 和它的取值列表",
            variant="list",
            example=at("vocabulary.yml", 1, 1, name="themes", fields="sites.themes、routes.theme"),
        ),
        Code(
            "unused-vocabulary",
            WARNING,
            "词表没有被使用",
            message="词表 {name} 没有被任何字段使用（unused vocabulary）",
            hint="可用的词表名：{names}",
            example=at(
                "vocabulary.yml",
                108,
                1,
                name="theme",
                names="audiences、categories、directions、flags、formats、regions、site_kinds、site_levels、"
                "teacher_levels、teacher_types、themes",
            ),
            advice="多半是词表名拼错了：改成建议里列出的名称；确实不用的词表可以删除",
        ),
        Code(
            "bad-vocabulary",
            ERROR,
            "词表不是列表",
            message="词表 {name} 应当是一个非空列表，每行“- 取值”（must be a list）",
            example=at("vocabulary.yml", 32, 1, name="formats"),
            advice="在词表名下面每行写一个取值，以“- ”开头，缩进两个空格",
        ),
        Code(
            "bad-vocabulary",
            ERROR,
            "词表的取值不是文字",
            message="词表 {name} 的取值应当是文字（must be text）",
            variant="value",
            example=at("vocabulary.yml", 34, 5, name="formats"),
            advice="每个取值写成一段文字，如“- 讲授式”；不要写成“字段: 值”或列表",
        ),
        Code(
            "bad-vocabulary",
            ERROR,
            "区域名称里有“/”",
            message="“{value}”里有“/”：词表 {name} 用“/”分隔上下级，名称里不能有它（no / in a name）",
            hint="把上下级写成树：上级写“- 名称:”，下级在它下面再缩进一层",
            variant="slash",
            example=at("vocabulary.yml", 96, 5, name="regions", value="滨湖区/蠡园街道"),
        ),
        Code(
            "bad-vocabulary",
            ERROR,
            "词表不分上下级",
            message="词表 {name} 不分上下级，每项写一个值（not a tree）",
            hint="写成“- 值”，每行一个；只有 regions 可以分上下级",
            variant="nested",
            example=at("vocabulary.yml", 34, 5, name="formats"),
        ),
        Code(
            "bad-vocabulary",
            ERROR,
            "区域树的写法不对",
            message="词表 {name} 的这一项应当是“- 名称”，或“- 名称:”下面列出它包含的地方（bad tree）",
            hint="一项只写一个地方；它下面的地方另起一行，比它多缩进两格，每行以“- ”开头",
            variant="tree",
            example=at("vocabulary.yml", 96, 5, name="regions"),
        ),
        Code(
            "duplicate-value",
            ERROR,
            "词表里有重复的值",
            message="词表 {name} 中“{value}”重复（duplicate value）",
            hint="删除重复的一行",
            example=at("vocabulary.yml", 40, 5, name="formats", value="现场教学"),
        ),
    ),
)


REMINDERS = Group(
    "审核与使用提醒",
    "这些是警告：不影响发布，但说明记录可能过时或没有用上，请在方便时处理。",
    (
        Code(
            "stale-review",
            WARNING,
            "超过两年没有审核",
            message="已超过两年没有审核（上次 {date}）（review overdue）",
            hint="复核内容后把 reviewed 改成复核当天的日期",
            example=at("courses/dangfei-guanli-2019.yml", 28, 11, date="2023-05-10"),
        ),
        Code(
            "future-review",
            WARNING,
            "审核日期还没到",
            message="审核日期 {date} 还没到（date in the future）",
            hint="检查年份是否写错",
            example=at(_COURSE, 40, 11, date="2062-05-20"),
        ),
        Code(
            "review-due",
            WARNING,
            "已过复评期限",
            message="复评期限 {date} 已过（re-assessment overdue）",
            hint="复评后把 reviewed 改成复评当天、next_review 改成下次期限；不再开放的改为 suspended",
            example=at("sites/changguangxi-shidi.yml", 8, 14, date="2026-09-30"),
        ),
        Code(
            "status-unexplained",
            WARNING,
            "状态没有说明",
            message="状态“{status}”没有写 {missing}（status without reason or date）",
            hint="写上 status_reason（简短原因，页面横幅上会显示）和 status_date（自哪天起）",
            example=at(
                "sites/mashan-lieshi-jinianguan.yml", 7, 9, status="暂停开放", missing="status_reason"
            ),
        ),
        Code(
            "idle-teacher",
            WARNING,
            "师资没有课程",
            message="师资“{label}”没有任何课程（teacher gives no course）",
            hint="在课程记录的 teachers 中加上这个 id，或把状态改为 archived",
            example=at("teachers/qian-zhiyuan.yml", 1, 1, label="钱志远"),
            summary="{count} 位师资没有任何课程（teacher gives no course）",
        ),
        Code(
            "unused-site",
            WARNING,
            "点位没有被使用",
            message="点位“{label}”没有被任何课程或路线使用（site used by nothing）",
            hint="在课程的 sites 或路线的 stops 中使用它，或把状态改为 archived",
            example=at("sites/hele-dqfwzx.yml", 1, 1, label="河埒街道党群服务中心"),
            summary="{count} 个点位没有被任何课程或路线使用（site used by nothing）",
        ),
        Code(
            "first-stop-travel",
            WARNING,
            "第一站写了路程",
            message="第一站不需要 travel_minutes（路程从上一站算起）（first stop has travel）",
            hint="删除第一站的 travel_minutes",
            example=at(_ROUTE, 17, 21),
        ),
        Code(
            "long-route",
            WARNING,
            "路线超过 12 小时",
            message="路线总时长 {minutes} 分钟，超过 12 小时（route too long）",
            hint="拆成两条路线，或核对分钟数",
            example=at(_ROUTE, 13, 3, minutes=785),
        ),
        Code(
            "long-route",
            WARNING,
            "已注明的时长已超过 12 小时",
            message="路线已注明的时长就有 {minutes} 分钟，超过 12 小时（route too long）",
            hint="拆成两条路线，或核对分钟数",
            variant="at-least",
            example=at(_ROUTE, 13, 3, minutes=760),
        ),
        Code(
            "bundle-item",
            ERROR,
            "套餐的一项没写清是什么",
            message="套餐的第 {number} 项{what}（bundle item must name one offering）",
            hint="每项只写 course、route、site、teacher 中的一个，如 `- course: dangshi-chuxin-mima`",
            example=at("bundles/huguang-sanchongli.yml", 9, 5, number=2, what="同时写了 course 和 site"),
        ),
        Code(
            "duplicate-record",
            WARNING,
            "两条记录同名，可能重复录入",
            message="与 {first} 同名“{label}”，可能是同一{what}录入了两次（duplicate record）",
            hint="是同一{what}就删除其中一个文件（先把引用它的 id 改成另一个）；确是两个，{tell}",
            example=at(
                "sites/he-shuheng-former-residence.yml",
                1,
                7,
                what="教学点位",
                label="何叔衡故居",
                first="sites/he-shu-heng-gu-ju.yml",
                tell="在名称里写明区别",
            ),
            advice="是同一处就删掉一个文件，先把引用它的 id 改成留下的那个；确是两处，在名称里写明区别"
            "（师资写上各自的单位、课程写明各自的授课师资，就不再提醒）。比较名称时不管全角半角、空格、引号和破折号",
        ),
        Code(
            "duplicate-record",
            WARNING,
            "表格里的一行与已有的记录同名",
            message="与已有的 {first} 同名“{label}”，这一行写成了另一条{what} {id}（duplicate record）",
            hint="是同一{what}就删掉这一行，或给这一行加一列“id”写上 {first} 的 id 并加 --force 更新它",
            variant="sheet",
            example=at(
                "点位.xlsx",
                7,
                2,
                what="教学点位",
                label="何叔衡故居",
                first="sites/he-shuheng-former-residence.yml",
                id="he-shu-heng-gu-ju",
            ),
        ),
    ),
)


SHEETS = Group(
    "表格导入",
    "`catalog import` 报的问题，位置是表格的“行:列”（第 1 列是 A 列）。有错误的行不会导入，"
    "改好表格后重新导入即可；已经导入的行不会重复写入。",
    (
        Code(
            "sheet-format",
            ERROR,
            "不支持的表格格式（旧格式）",
            message="不支持 {suffix} 格式（unsupported format）",
            hint="在 Excel 或 WPS 里“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8（.csv）",
            variant="old",
            example=at("师资库.xls", 1, 1, suffix=".xls"),
        ),
        Code(
            "sheet-format",
            ERROR,
            "不认识的表格格式",
            message="不认识的表格格式“{suffix}”（unknown format）",
            hint="请提供 .xlsx 或 .csv 文件",
            example=at("师资库.pdf", 1, 1, suffix=".pdf"),
        ),
        Code(
            "sheet-unreadable",
            ERROR,
            "Excel 文件打不开",
            message="无法打开这个 Excel 文件（cannot open workbook）：{error}",
            hint="确认文件没有损坏、没有加密；可在 Excel 或 WPS 里重新“另存为” .xlsx",
            example=at(_SHEET, 1, 1, error="File is not a zip file"),
        ),
        Code(
            "sheet-unreadable",
            ERROR,
            "CSV 文件无法读取",
            message="无法读取文件（cannot read）：{error}",
            variant="csv",
            example=at("师资库.csv", 1, 1, error="[Errno 13] Permission denied: '师资库.csv'"),
            advice="确认文件没有被其他程序占用、有读取权限；可以把文件复制一份再导入",
        ),
        Code(
            "sheet-too-large",
            ERROR,
            "表格太大，没有读取",
            message="表格文件太大（{size}，上限 {limit}）（sheet file too large）",
            variant="file",
            hint="一次导入一份名单；图片和附件不要放进表格，另存为 .xlsx 或 CSV 再导入",
            example=at(_SHEET, 1, 1, size="203 MB", limit="20 MB"),
        ),
        Code(
            "sheet-too-large",
            ERROR,
            "表格里有内容远在名单之外",
            message="单元格 {cell} 在第 {row} 行第 {column} 列，超出了可以导入的范围"
            "（最多 {rows} 行、{columns} 列）（cell out of range）",
            variant="cell",
            hint="在 Excel 或 WPS 里按 Ctrl+End 找到这个单元格，删除多余的内容后另存再导入",
            example=at(
                _SHEET, 1, 1, cell="XFD1048576", row=1048576, column=16384, rows="50,000", columns=200
            ),
        ),
        Code(
            "sheet-too-large",
            ERROR,
            "合并单元格太大",
            message="合并单元格 {ref} 包含 {cells} 个单元格，超过上限 {limit}（merged range too large）",
            variant="merge",
            hint="取消这个合并单元格（只合并名单里真正需要的几行），另存再导入",
            example=at(_SHEET, 1, 1, ref="A2:A1048576", cells="1,048,575", limit="50,000"),
        ),
        Code(
            "sheet-unsafe",
            ERROR,
            "表格里有不安全的内容",
            message="这个 Excel 文件里有不安全的内容（XML 实体或文档类型定义），没有读取（unsafe workbook）",
            hint="在 Excel 或 WPS 里打开后“另存为”新的 .xlsx 文件再导入；来历不明的文件请先确认",
            example=at(_SHEET, 1, 1),
        ),
        Code(
            "no-sheet",
            ERROR,
            "找不到工作表",
            message="找不到工作表“{sheet}”（no such sheet）",
            hint="工作表：{sheets}",
            example=at(_SHEET, 1, 1, sheet="师资", sheets="区级师资、镇级师资"),
            advice="--sheet 后面写表格里实际的工作表名称（建议里列出了相近的或全部的名称）",
        ),
        Code(
            "csv-syntax",
            ERROR,
            "CSV 格式错误",
            message="CSV 格式错误（bad CSV）：{error}",
            hint="检查引号是否成对",
            example=at("师资库.csv", 1, 1, error="field larger than field limit (131072)"),
        ),
        Code(
            "no-header",
            ERROR,
            "找不到表头行",
            message="在前 {rows} 行里找不到表头行（至少要有两列认识的表头，如 {expected}）（no header row）",
            hint="检查表头文字；表头叫别的名字时用 --map 表头=字段名",
            example=at(_SHEET, 1, 1, rows=30, expected="姓名、擅长方向、荣誉"),
        ),
        Code(
            "unknown-column",
            WARNING,
            "不认识的列",
            message="不认识的列“{title}”，这一列不会导入（unknown column, ignored）",
            hint="{suggestion}如需导入，用 --map {title}=字段名 指定；不需要时用 --map {title}= 忽略",
            example=at(_SHEET, 2, 6, title="擅长", suggestion="是不是想写：擅长方向？ "),
        ),
        Code(
            "duplicate-column",
            ERROR,
            "两列对应同一个字段",
            message="“{title}”和第 {first} 列“{first_title}”对应同一个字段 {field}（duplicate column）",
            hint="删除其中一列，或用 --map {title}= 忽略它",
            example=at(_SHEET, 2, 7, title="单位", first=3, first_title="工作单位", field="organisation"),
        ),
        Code(
            "missing-column",
            ERROR,
            "缺少必填的列",
            message="表格里没有“{title}”列，而 {field}（{description}）是必填项（missing column）",
            hint="加一列“{title}”；如果表格里这一列叫别的名字，用 --map 那个表头={field}",
            example=at(_SHEET, 2, 1, title="职务", field="post", description="职务或职称"),
        ),
        Code(
            "missing-value",
            ERROR,
            "必填的单元格是空的",
            message="“{title}”没有填写，这是必填项（missing value）",
            hint="{description}",
            example=at(_SHEET, 7, 2, title="姓名", description=""),
            advice="在这个单元格里填上内容；这一行不要了就整行删掉",
        ),
        Code(
            "bad-cell",
            ERROR,
            "单元格不是整数",
            message="“{title}”：应当是整数，现在是“{value}”（not a whole number）",
            hint="只填数字，如 50",
            variant="int",
            example=at("点位.xlsx", 5, 9, title="容纳人数", value="很多"),
        ),
        Code(
            "bad-cell",
            ERROR,
            "单元格不是数字",
            message="“{title}”：应当是数字，现在是“{value}”（not a number）",
            hint="只填数字，如 2 或 1.5",
            variant="number",
            example=at("课程.xlsx", 4, 5, title="学时", value="两个半天"),
        ),
        Code(
            "bad-cell",
            ERROR,
            "单元格不是日期",
            message="“{title}”：不是有效的日期：“{value}”（bad date）",
            hint="写成 2024-05-01，或设为 Excel 日期格式",
            variant="date",
            example=at(_SHEET, 9, 12, title="审核日期", value="2025年13月1日"),
        ),
        Code(
            "bad-cell",
            ERROR,
            "单元格只能填是或否",
            message="“{title}”：只能填“是”或“否”，现在是“{value}”（yes or no）",
            variant="bool",
            example=at("点位.xlsx", 6, 11, title="讲解员", value="也许"),
            advice="填“是”或“否”（也可以填“有”“无”）",
        ),
        Code(
            "bad-cell",
            ERROR,
            "状态只能是在用或停用",
            message="“{title}”：状态只能是“在用”或“停用”，现在是“{value}”（bad status）",
            variant="status",
            example=at(_SHEET, 8, 13, title="状态", value="草稿"),
            advice="填“在用”或“停用”；不填就是在用",
        ),
        Code(
            "bad-cell",
            ERROR,
            "编号不能用作 id",
            message="“{title}”：编号“{value}”不能用作记录 id（invalid id）",
            hint="只能用小写英文字母、数字和连字符“-”，例如 wang-fang；不填则按姓名自动生成",
            variant="id",
            example=at(_SHEET, 4, 1, title="编号", value="王建国"),
        ),
        Code(
            "bad-cell",
            ERROR,
            "纬度和经度只填了一个",
            message="纬度和经度要同时填写（both lat and lon needed）",
            variant="coordinates",
            example=at("点位.xlsx", 5, 7),
            advice="把纬度和经度都填上；不知道坐标时两列都留空",
        ),
        Code(
            "unknown-ref",
            ERROR,
            "表格里的名字找不到",
            message="找不到{what}“{value}”（unknown {singular}）",
            hint="先导入或新建这条{what}记录（{folder}/ 下），再导入本表",
            variant="name",
            example=at("课程.xlsx", 6, 8, what="师资", value="王建军", singular="teacher", folder="teachers"),
            advice="核对名字（建议里会列出相近的名字）；师资、点位要先导入，再导入引用它们的课程表",
        ),
        Code(
            "unknown-ref",
            ERROR,
            "表格里的名字有重名",
            message="有 {count} 位（个）{what}都叫“{value}”：{ids}（ambiguous name）",
            hint="在单元格里写其中一个 id（如 {first}），或写成“{example}”；全表都指同一个时，"
            "导入时加 --pick {value}={first}",
            variant="ambiguous",
            example=at(
                "课程.xlsx",
                6,
                8,
                count=2,
                what="师资",
                value="王艳",
                ids="wang-yan（滨湖区委党校）、wang-yan-2（胡埭镇党委）",
                example="王艳（滨湖区委党校）",
                first="wang-yan",
            ),
        ),
        Code(
            "duplicate-id",
            ERROR,
            "两行的编号相同",
            message="编号 {id} 与第 {first} 行重复（duplicate id）",
            hint="每行的编号必须不同",
            variant="row",
            example=at(_SHEET, 9, 1, id="wang-jianguo", first=4),
        ),
        Code(
            "no-id",
            ERROR,
            "无法从名称生成 id",
            message="无法从“{label}”生成 id（cannot make an id）",
            hint="加一列“编号”，填写小写英文字母、数字和连字符组成的 id",
            example=at(_SHEET, 7, 2, label="★★★"),
        ),
        Code(
            "duplicate-name",
            WARNING,
            "两行同名",
            message="与第 {first} 行同名“{label}”，生成了另一个 id {id}（duplicate name）",
            hint="如果是同一条记录，请删除重复的一行；如果确是两个人（两处），可以加一列“id”写上想要的 id",
            example=at(_SHEET, 9, 2, first=3, label="王建国", id="wang-jianguo-2"),
        ),
    ),
)


ORDERS = Group(
    "点单汇总",
    "`catalog orders` 读各单位发回的点单 CSV 时报的问题，位置是 CSV 的“行:列”。"
    "有错误的行不计入汇总；警告的行照常计入。",
    (
        Code(
            "order-missing-file",
            ERROR,
            "点单文件找不到",
            message="找不到这个文件（file not found）",
            hint="检查文件名和路径",
            example=at(_ORDER, 1, 1),
        ),
        Code(
            "order-missing-file",
            ERROR,
            "没有符合模式的文件",
            message="没有符合这个模式的文件（no file matches）",
            hint="检查文件夹和文件名",
            variant="pattern",
            example=at("收到的点单/*.csv", 1, 1),
        ),
        Code(
            "order-empty-folder",
            ERROR,
            "文件夹里没有 CSV",
            message="文件夹里没有 .csv 文件（no CSV in folder）",
            hint="把各单位发来的点单 CSV 放进这个文件夹",
            example=at("收到的点单", 1, 1),
        ),
        Code(
            "order-unreadable",
            ERROR,
            "给的是文件夹",
            message="这是文件夹，不是 CSV 文件（is a folder）",
            hint="给出文件夹里的 .csv 文件",
            variant="folder",
            example=at("收到的点单/河埒街道", 1, 1),
        ),
        Code(
            "order-unreadable",
            ERROR,
            "给的不是普通文件",
            message="这不是普通文件（管道、设备等），不会读取（not a regular file）",
            hint="给出单位发来的 .csv 文件",
            variant="special",
            example=at("/dev/zero", 1, 1),
        ),
        Code(
            "order-unreadable",
            ERROR,
            "点单文件无法读取",
            message="无法读取文件（cannot read）：{reason}",
            hint="检查文件权限",
            example=at(_ORDER, 1, 1, reason="Permission denied"),
        ),
        Code(
            "order-too-large",
            ERROR,
            "文件太大，不像点单",
            message="文件太大，不像是点单表（file too large）",
            hint="确认选对了文件",
            example=at("收到的点单/党员名册.csv", 1, 1),
        ),
        Code(
            "order-not-csv",
            ERROR,
            "发来的是 Excel 工作簿",
            message="这是 Excel 工作簿（.xlsx/.xls），不是 CSV 文件（spreadsheet, not CSV）",
            hint="在 Excel 或 WPS 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”",
            example=at("收到的点单/河埒街道党工委.csv", 1, 1),
        ),
        Code(
            "order-empty",
            ERROR,
            "点单表是空的",
            message="点单表是空的，没有表头也没有内容（empty order file）",
            hint="请用网站“我的点单”页面重新导出 CSV",
            example=at(_ORDER, 1, 1),
        ),
        Code(
            "order-csv-syntax",
            ERROR,
            "CSV 格式错误",
            message="CSV 格式错误，从这一行起无法继续读取（CSV syntax error: {error}）",
            hint="检查这一行的引号是否成对；用 Excel 或 WPS 打开后重新“另存为 CSV”",
            example=at(_ORDER, 4, 1, error="field larger than field limit (131072)"),
        ),
        Code(
            "order-no-header",
            ERROR,
            "第一行不是表头",
            message="第一行不是点单表的表头，整个文件无法读取（missing header）",
            hint="第一行应为：{expected}。请用网站“我的点单”页面重新导出",
            example=at(_ORDER, 1, 1, expected=_ORDER_COLUMNS),
        ),
        Code(
            "order-duplicate-column",
            ERROR,
            "表头里有重复的列",
            message="表头里“{label}”出现了两次，只读取第一列（duplicate column）",
            hint="删除多出的一列",
            example=at(_ORDER, 1, 12, label="备注"),
        ),
        Code(
            "order-unknown-column",
            WARNING,
            "表头里有不认识的列",
            message="表头“{name}”不是点单表的列，这一列不读取（unknown column）",
            hint="{suggestion}",
            example=at(_ORDER, 1, 12, name="联系人电话", suggestion="是不是想写：联系电话、联系人？"),
            advice="这一列是单位自己加的，不影响汇总；是列名改错了，就改回建议里的列名",
        ),
        Code(
            "order-missing-column",
            ERROR,
            "缺少必需的列",
            message="表头缺少必需的列：{names}，整个文件无法读取（missing column）",
            hint="第一行应为：{expected}",
            example=at(_ORDER, 1, 1, names="编号", expected=_ORDER_COLUMNS),
        ),
        Code(
            "order-missing-column",
            WARNING,
            "缺少可选的列",
            message="表头缺少列：{names}，这些值按空白处理（missing column）",
            hint="第一行应为：{expected}",
            variant="optional",
            example=at(_ORDER, 1, 1, names="备注", expected=_ORDER_COLUMNS),
        ),
        Code(
            "order-extra-cells",
            ERROR,
            "这一行的单元格比表头多",
            message="这一行有 {count} 个单元格，比表头多（row longer than header）",
            hint="某个值里可能有没加引号的逗号；用 Excel 或 WPS 打开检查这一行",
            example=at(_ORDER, 3, 12, count=12),
        ),
        Code(
            "order-missing-field",
            ERROR,
            "单位名称、联系人或联系电话没有填",
            message="没有填写{label}（missing field）",
            hint="单位名称、联系人和联系电话都要填写，组织部门凭它们答复",
            example=at(_ORDER, 3, 2, label="单位名称"),
        ),
        Code(
            "order-unknown-kind",
            ERROR,
            "不认识的类型",
            message="不认识的类型“{kind}”（unknown kind）",
            hint="{suggestion}",
            example=at(_ORDER, 3, 5, kind="讲座", suggestion="可选的类型：" + "、".join(_NAMES)),
            advice=f"类型只能是 {KIND_CHOICE}",
        ),
        Code(
            "order-missing-kind",
            ERROR,
            "没有填类型",
            message="没有填写类型（missing kind）",
            hint=f"填写 {KIND_CHOICE}",
            example=at(_ORDER, 3, 5),
        ),
        Code(
            "order-missing-id",
            ERROR,
            "没有填编号",
            message="没有填写编号（missing id）",
            hint="编号是记录的 id，例如 party-history；请从网站重新导出",
            example=at(_ORDER, 3, 6),
        ),
        Code(
            "order-kind-mismatch",
            ERROR,
            "编号和类型对不上",
            message="编号 {id} 是{other}“{label}”，不是{what}（kind does not match id）",
            hint="把类型改成“{other}”，或核对编号",
            example=at(_ORDER, 3, 5, id="wang-jianguo", other="师资", label="王建国", what="课程"),
        ),
        Code(
            "order-unknown-id",
            ERROR,
            "目录里没有这个编号",
            message="目录里没有编号为 {id} 的{what}（unknown id）",
            hint="可能已被删除；请单位在最新的网站上重新点单",
            example=at(_ORDER, 3, 6, id="dangshi-chuxin", what="课程"),
            advice="编号拼错时建议里会列出相近的编号；记录已删除的，请单位在最新的网站上重新点单",
        ),
        Code(
            "order-refused",
            WARNING,
            "点了不能点单的记录",
            message="{what}“{label}”（{id}）{status}，不能点单{reason}（not orderable）",
            hint="请移除这一项，或改选其他{what}",
            example=at(
                _ORDER,
                4,
                6,
                what="课程",
                label="党费收缴与管理（2019 版）",
                id="dangfei-guanli-2019",
                status="已停用",
                reason="",
            ),
        ),
        Code(
            "order-held-up",
            WARNING,
            "所含内容暂不能安排",
            message="{what}“{label}”中的{held}目前不能安排（part not orderable）",
            hint="在备注里写明怎么调整，组织部门会与单位商量",
            example=at(
                _ORDER, 4, 6, what="教学路线", label="立心铸魂", held="教学点位“马山烈士纪念馆”（暂停开放）"
            ),
        ),
        Code(
            "order-name-mismatch",
            WARNING,
            "名称和编号对不上",
            message="名称“{name}”与目录中编号 {id} 的名称“{label}”不一致（name differs）",
            hint="按编号汇总；请核对单位要的是哪一条",
            example=at(
                _ORDER,
                3,
                7,
                name="初心密码",
                id="dangshi-chuxin-mima",
                label="从红船到新时代：百年党史中的初心密码",
            ),
        ),
        Code(
            "order-bad-date",
            ERROR,
            "日期写得不对",
            message="{label}“{text}”不是日期（bad date）",
            hint="写成 2026-05-01 这样的格式，或留空",
            example=at(_ORDER, 3, 8, label="开始日期", text="五月十日"),
        ),
        Code(
            "order-bad-date",
            ERROR,
            "没有这一天",
            message="{label}“{text}”不是真实存在的日期（no such day）",
            hint="写成 2026-05-01 这样的格式，或留空",
            variant="unreal",
            example=at(_ORDER, 3, 8, label="开始日期", text="2026-13-01"),
        ),
        Code(
            "order-date-past",
            ERROR,
            "日期早于点单日期",
            message="{label} {date} 早于点单日期 {ordered}（date in the past）",
            hint="希望的日期要在点单当天或以后",
            example=at(_ORDER, 3, 8, label="开始日期", date="2026-11-02", ordered="2026-11-20"),
        ),
        Code(
            "order-date-order",
            ERROR,
            "结束日期早于开始日期",
            message="结束日期 {end} 早于开始日期 {start}（end before start）",
            hint="检查两个日期是否填反",
            example=at(_ORDER, 3, 9, end="2026-05-01", start="2026-05-10"),
        ),
        Code(
            "order-bad-participants",
            ERROR,
            "人数不是整数",
            message="人数“{text}”不是整数（participants not an integer）",
            hint="只写人数的阿拉伯数字，例如 30；不确定可留空",
            example=at(_ORDER, 3, 10, text="三十"),
        ),
        Code(
            "order-bad-participants",
            ERROR,
            "人数小于 1",
            message="人数“{text}”应当至少为 1（participants must be positive）",
            hint="只写人数的阿拉伯数字，例如 30；不确定可留空",
            variant="positive",
            example=at(_ORDER, 3, 10, text="0"),
        ),
        Code(
            "order-over-capacity",
            ERROR,
            "人数超过容量",
            message="人数 {count} 超过容量 {capacity} 人（over capacity）",
            hint="人数多时请分成几批点单，或先与组织部门商量",
            example=at(_ORDER, 3, 10, count=100, capacity=60),
        ),
        Code(
            "order-phone-mangled",
            WARNING,
            "电话被改成了科学计数法",
            message="联系电话“{phone}”被表格软件改成了科学计数法，号码已不准确（phone mangled）",
            hint="请单位确认电话；以后在 Excel 中把这一列设为“文本”再保存",
            example=at(_ORDER, 3, 4, phone="1.38123E+10"),
        ),
        Code(
            "order-bad-number",
            ERROR,
            "单号写得不对",
            message="单号“{text}”不是本站生成的单号（bad order number）",
            hint="单号像 20261120-5bxk-7q2m 这样；请单位从网站重新导出，不要改动单号一列",
            example=at(_ORDER, 3, 1, text="20261120-5bxk"),
        ),
        Code(
            "order-no-number",
            WARNING,
            "点单没有单号",
            message="这份点单没有单号，已编为 {number}（no order number）",
            hint="手写或旧版网站的点单表没有单号；回单和派单计划用这个单号",
            example=at(_ORDER, 2, 1, number=_NUMBER),
        ),
        Code(
            "order-number-unit",
            WARNING,
            "单号与单位名称不符",
            message="单号 {number} 不是按单位名称“{unit}”生成的（number of another unit）",
            hint="单位名称改过，或用了别的单位的点单表；请与单位核对",
            example=at(_ORDER, 3, 2, number=_NUMBER, unit="河埒街道党工委（机关）"),
        ),
        Code(
            "order-number-shared",
            ERROR,
            "一个单号两个单位",
            message="单号 {number} 已是“{first_unit}”的点单（{first}），这一行的单位是“{unit}”"
            "（one number, two units）",
            hint="每个单位要从自己的浏览器导出；请这个单位重新点单",
            example=at(
                _ORDER,
                3,
                2,
                number=_NUMBER,
                first_unit="河埒街道党工委",
                first=_ORDER + ":2",
                unit="马山街道党工委",
            ),
        ),
        Code(
            "order-two-versions",
            ERROR,
            "同一张点单有两个版本",
            message="单号 {number} 的{what} {id} 在 {first} 里已有，内容不同（two versions of one order）",
            hint="单位改过点单又发了一次：只保留最后发来的文件，删掉旧的再运行",
            example=at(
                "收到的点单/河埒街道党工委（改）.csv",
                2,
                6,
                number=_NUMBER,
                what="课程",
                id="dangshi-chuxin-mima",
                first=_ORDER + ":2",
            ),
        ),
        Code(
            "order-duplicate",
            WARNING,
            "完全相同的一行",
            message="与 {first} 完全相同，只计一次（duplicate row）",
            hint="如果确实要两期，请在备注里注明并改动日期或人数",
            example=at("收到的点单/河埒街道党工委（补发）.csv", 2, 1, first=_ORDER + ":2"),
        ),
    ),
)


_PLAN = "dispatch/20261120-g0xq-7q2m.yml"
_PLAN_SHEET = "派单结果/派单计划.xlsx"

PLAN = Group(
    "派单计划",
    "派单计划（`dispatch/` 文件夹里每张点单一个文件，以单号命名）和组织部门改好的派单计划表"
    "（`catalog plan` 导入）里的问题。位置是 YAML 文件的“行:列”，或表格的“行:列”。"
    "有错误时网站不生成，派单计划表也不导入。",
    (
        Code(
            "plan-bad-number",
            ERROR,
            "文件名不是单号",
            message="文件名“{name}”不是单号，这个文件不会被读取（not an order number）",
            hint="派单计划的文件以单号命名，如 {example}.yml；请用 catalog orders 生成",
            example=at("dispatch/蠡园街道.yml", 1, 1, name="蠡园街道.yml", example="20261120-g0xq-7q2m"),
        ),
        Code(
            "plan-unknown-kind",
            ERROR,
            "派单计划里不认识的类型",
            message="不认识的类型“{kind}”（unknown kind）",
            hint="{suggestion}",
            example=at(_PLAN, 5, 11, kind="讲座", suggestion="可选的类型：" + "、".join(_NAMES)),
            advice=f"类型只能是 {KIND_CHOICE}",
        ),
        Code(
            "plan-unknown-id",
            ERROR,
            "派单计划里的编号在目录里没有",
            message="目录里没有编号为 {id} 的{what}（unknown id）",
            hint="记录可能已被删除或改名；请婉拒这一项，或与单位商量改点别的",
            example=at(_PLAN, 6, 9, id="dangshi-chuxin", what="课程"),
            advice="编号拼错时建议里会列出相近的编号",
        ),
        Code(
            "plan-archived",
            WARNING,
            "安排了现在不能点单的记录（已停用或暂停）",
            message="{what}“{label}”（{id}）{status}，现在不能点单（record not orderable）",
            hint="已经答应单位的可以照常安排；否则请婉拒，或与单位商量改点在用的",
            example=at(
                _PLAN,
                6,
                9,
                what="课程",
                label="党费收缴与管理（2019 版）",
                id="dangfei-guanli-2019",
                status="已停用",
            ),
        ),
        Code(
            "plan-unknown-teacher",
            ERROR,
            "派出的师资在师资库里没有",
            message="师资库里没有编号为 {id} 的师资（unknown teacher）",
            hint="从派单计划表的下拉列表里选择师资",
            example=at(_PLAN, 14, 14, id="wang-jianguo2"),
        ),
        Code(
            "plan-teacher-not-offered",
            ERROR,
            "派出的师资不讲这门课",
            message="{teacher}不讲授{what}“{label}”（teacher does not give it）",
            hint="可以派：{allowed}",
            example=at(
                _PLAN,
                14,
                14,
                teacher="王芳",
                what="课程",
                label="从红船到新时代：百年党史中的初心密码",
                allowed="王建国（wang-jianguo）、李明（li-ming）",
            ),
        ),
        Code(
            "plan-unknown-site",
            ERROR,
            "安排的点位在目录里没有",
            message="目录里没有编号为 {id} 的教学点位（unknown site）",
            hint="从派单计划表的下拉列表里选择点位",
            example=at(_PLAN, 15, 11, id="binhu-dangjian"),
        ),
        Code(
            "plan-site-not-offered",
            ERROR,
            "安排的点位开不了这门课",
            message="{site}不是{what}“{label}”的开课点位（site not offered）",
            hint="可以安排：{allowed}",
            example=at(
                _PLAN,
                15,
                11,
                site="滨湖区委党校",
                what="课程",
                label="从红船到新时代：百年党史中的初心密码",
                allowed="滨湖区党建馆（binhu-dangjianguan）",
            ),
        ),
        Code(
            "plan-no-date",
            ERROR,
            "已安排但没有确认日期",
            message="状态是“{status}”，但没有填确认日期（no confirmed date）",
            hint="填写确认的开始日期（一天的培训只填开始日期）；还没定下来就把状态改回“待安排”",
            example=at(_PLAN, 11, 13, status="已安排"),
        ),
        Code(
            "plan-date-order",
            ERROR,
            "确认的结束日期早于开始日期",
            message="确认的结束日期 {end} 早于开始日期 {start}（end before start）",
            hint="检查两个日期是否填反",
            example=at(_PLAN, 13, 19, end="2026-12-09", start="2026-12-10"),
        ),
        Code(
            "plan-date-outside",
            ERROR,
            "确认的日期不在单位希望的日期里",
            message="确认的日期 {dates} 不在单位希望的 {wanted} 之内（outside the requested dates）",
            hint="与单位商量好了另一个日期，就把状态改为“改期”",
            example=at(_PLAN, 12, 21, dates="2026-12-15", wanted="2026-12-10 至 2026-12-11"),
        ),
        Code(
            "plan-decline-reason",
            ERROR,
            "婉拒没有写原因",
            message="婉拒了这一项，但没有写原因（decline without a reason）",
            hint="在“答复说明”里写明原因，回单上会告诉单位",
            example=at(_PLAN, 24, 5),
        ),
        Code(
            "plan-pending-decided",
            WARNING,
            "已填决定但状态还是待安排",
            message="已经填了确认日期、师资或点位，但状态还是“待安排”（pending with a decision）",
            hint="定下来了就把状态改为“已安排”；回单和培训日程只显示已安排和改期的项",
            example=at(_PLAN, 11, 13),
        ),
        Code(
            "plan-unassigned",
            WARNING,
            "已安排但没有指定师资或点位",
            message="已安排，但没有指定{what}（这一项有 {count} 个可选）（not assigned）",
            hint="回单上会写“待定”；请从下拉列表里选一个",
            example=at(_PLAN, 11, 13, what="师资", count=2),
        ),
        Code(
            "plan-over-capacity",
            ERROR,
            "安排的人数超过容量",
            message="人数 {count} 超过{what}的容量 {capacity} 人（over capacity）",
            hint="分成几批安排，或换一个容量够的点位",
            example=at(_PLAN, 9, 19, count=120, what="点位“滨湖区党建馆”", capacity=80),
        ),
        Code(
            "plan-duplicate-item",
            ERROR,
            "一张点单里同一项出现两次",
            message="这张点单里{what} {id} 出现了两次（第 {first} 项已有）（duplicate item）",
            hint="删掉其中一项",
            example=at(_PLAN, 18, 9, what="课程", id="dangshi-chuxin-mima", first=1),
        ),
        Code(
            "plan-number-unit",
            WARNING,
            "派单计划的单号与单位名称不符",
            message="单号 {number} 不是按单位名称“{unit}”生成的（number of another unit）",
            hint="单位名称改过，或把别的单位的点单记在了这里；请核对",
            example=at(_PLAN, 4, 7, number="20261120-g0xq-7q2m", unit="河埒街道党工委（机关）"),
        ),
        Code(
            "plan-teacher-twice",
            ERROR,
            "同一位师资同一天安排了两处",
            message="师资{name}在 {dates} 已安排给单号 {other}（{where}）（teacher booked twice）",
            hint="同一位师资同一天只能去一处：改派其他师资，或与单位商量改期",
            example=at(
                "dispatch/20261121-8tzc-4k1d.yml",
                14,
                14,
                name="王建国",
                dates="2026-12-10",
                other="20261120-g0xq-7q2m",
                where=_PLAN + ":12",
            ),
        ),
        Code(
            "plan-site-twice",
            ERROR,
            "同一点位同一天接待两批，超过容量",
            message="点位“{name}”在 {dates} 已安排给单号 {other}（{where}）；"
            "两批合计 {total}，容量 {capacity}（site booked twice）",
            hint="容量不够或无法核对时，请改到别的点位，或与单位商量改期",
            example=at(
                "dispatch/20261121-8tzc-4k1d.yml",
                15,
                11,
                name="滨湖区党建馆",
                dates="2026-12-10",
                other="20261120-g0xq-7q2m",
                where=_PLAN + ":12",
                total="110 人",
                capacity="80 人",
            ),
        ),
        Code(
            "plan-site-twice",
            WARNING,
            "同一点位同一天接待两批",
            message="点位“{name}”在 {dates} 也安排了单号 {other}（{where}）；两批合计 {total} 人，"
            "未超过容量 {capacity} 人（site shared）",
            hint="请确认点位当天能同时接待两批",
            variant="shared",
            example=at(
                "dispatch/20261121-8tzc-4k1d.yml",
                15,
                11,
                name="滨湖区党建馆",
                dates="2026-12-10",
                other="20261120-g0xq-7q2m",
                where=_PLAN + ":12",
                total=60,
                capacity=80,
            ),
        ),
        Code(
            "plan-sheet-header",
            ERROR,
            "派单计划表缺少列",
            message="派单计划表的表头缺少列：{names}，整个表无法导入（missing column）",
            hint="请用 catalog orders 写出的派单计划表，不要删改表头；第一行应为：{expected}",
            example=at(_PLAN_SHEET, 1, 1, names="状态", expected="单号、单位名称、……、答复说明"),
        ),
        Code(
            "plan-sheet-unknown-number",
            ERROR,
            "表格里的单号不在派单计划里",
            message="单号 {number} 不在派单计划里（unknown order number）",
            hint="这一行不是 catalog orders 写出的。新的点单请让单位从网站导出，再用 catalog orders 加入",
            example=at(_PLAN_SHEET, 7, 1, number="20261125-g0xq-2hh4"),
        ),
        Code(
            "plan-sheet-unknown-item",
            ERROR,
            "单号的点单里没有这一项",
            message="单号 {number} 的点单里没有{what} {id}（unknown item）",
            hint="单位点的内容不能在派单计划表里增改；请单位重新点单",
            example=at(_PLAN_SHEET, 7, 6, number="20261120-g0xq-7q2m", what="课程", id="wangge-zhili"),
        ),
        Code(
            "plan-sheet-duplicate",
            ERROR,
            "同一项在表格里有两行",
            message="这一项在第 {first} 行已有（duplicate row）",
            hint="删掉多出的一行；同一项只能有一个决定",
            example=at(_PLAN_SHEET, 9, 6, first=5),
        ),
        Code(
            "plan-sheet-changed",
            WARNING,
            "改动了单位点单时填的内容",
            message="“{label}”是单位点单时填的，改动不会导入（request changed）",
            hint="要改单位点的内容，请单位重新导出点单表；给单位的话写在“答复说明”里",
            example=at(_PLAN_SHEET, 5, 10, label="人数"),
        ),
        Code(
            "plan-sheet-missing-rows",
            WARNING,
            "表格里少了派单计划中的项",
            message="表格里没有派单计划中的 {count} 项（如单号 {first}），它们保持原样（rows missing）",
            hint="行被删掉了？这些项的决定没有改动；要改请用完整的派单计划表",
            example=at(_PLAN_SHEET, 1, 1, count=2, first="20261120-g0xq-7q2m"),
        ),
        Code(
            "plan-sheet-bad-status",
            ERROR,
            "状态写得不对",
            message="状态“{text}”不是 待安排、已安排、改期、婉拒 之一（bad status）",
            hint="{suggestion}",
            example=at(_PLAN_SHEET, 5, 14, text="已安拍", suggestion="是不是想写：已安排？"),
            advice="从下拉列表里选择状态",
        ),
        Code(
            "plan-sheet-bad-date",
            ERROR,
            "确认日期写得不对",
            message="{label}“{text}”不是日期（bad date）",
            hint="写成 2026-12-10 这样，或用表格软件的日期格式",
            example=at(_PLAN_SHEET, 5, 15, label="确认开始日期", text="下周三"),
        ),
        Code(
            "plan-sheet-ambiguous",
            ERROR,
            "表格里的名字有同名",
            message="“{text}”有同名的 {count} 个：{ids}（ambiguous name）",
            hint="从下拉列表里选，选项里带着编号",
            example=at(_PLAN_SHEET, 5, 17, text="王建国", count=2, ids="wang-jianguo、wang-jianguo-2"),
        ),
        Code(
            "plan-sheet-unimported",
            ERROR,
            "派单计划表里有还没导入的修改",
            message="这一行的“{label}”与派单计划不同，还没有导入（not imported）",
            hint="先运行 catalog plan {path} 导入这些决定，再汇总新的点单；不要的修改请删掉这个文件",
            example=at(_PLAN_SHEET, 5, 14, label="状态", path=_PLAN_SHEET),
        ),
    ),
)


GROUPS: tuple[Group, ...] = (FILES, YAML, FIELDS, REFERENCES, REMINDERS, SHEETS, ORDERS, PLAN)
CODES: dict[tuple[str, str], Code] = {code.key: code for group in GROUPS for code in group.codes}
