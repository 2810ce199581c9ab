"""Reads a scenario's YAML as editors and the validator do: YAML 1.2 scalars, not PyYAML's 1.1.

PyYAML resolves YAML 1.1 types, so `yes`, `on` and `off` become booleans and `1:30` a number.
Editors' YAML support (and auditsim's loader) follow YAML 1.2, where those are plain text and
only true/false are booleans, so the schema is checked against what they see.
"""
import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's booleans and integers, and no timestamps."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))

# A leading zero is decimal in YAML 1.2 ("012" is twelve), not octal as in 1.1.
Yaml12Loader.add_constructor(
    "tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))


def load(text):
    return yaml.load(text, Loader=Yaml12Loader)
