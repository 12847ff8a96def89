"""The project's own assets (fonts, logo, styles, scripts) published under /assets/.

Only the files the `publish:` globs of the quangba plugin name, found under the input policy
(quangba.core.inputs: no link out of the project, no editor's backup). Photos are not among
them: the images feature publishes stripped copies (an original may carry a GPS position).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from quangba.config import Settings
from quangba.core import inputs
from quangba.core.errors import Problem, QuangbaError
from quangba.site.features import Feature


class Assets(Feature):
    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        for file in asset_files(self.state.project, config):
            files.append(file)


def asset_files(settings: Settings, config: MkDocsConfig) -> list[File]:
    assets = settings.assets_dir
    walked = inputs.walk(assets, settings.root, settings.shown)
    if walked.problems:
        raise QuangbaError(walked.problems)
    readable = [path for path in walked.files if inputs.classify(path.name) != inputs.BACKUP]
    found: dict[str, File] = {}
    for pattern in settings.options.publish:
        globbed = set(assets.glob(pattern))  # safe now: the walk found no link loop
        matches = [path for path in readable if path in globbed]
        if not matches and not any(ch in pattern for ch in "*?["):
            shown = settings.shown(assets / pattern)
            raise QuangbaError([Problem(shown, "file not found (listed in mkdocs.yml under quangba: publish)")])
        for path in matches:
            src_path = "assets/" + path.relative_to(assets).as_posix()
            found[src_path] = File.generated(config, src_path, abs_src_path=str(path))
    return list(found.values())
