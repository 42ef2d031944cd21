import shutil

import pytest

import hcl_parse
import tf_docs
import tf_fmt
import tf_modules
import tf_plan
from conftest import fails, write

MODULE = '''
variable "name" {
  description = "Name."
  type        = string
}
variable "size" {
  description = "Size."
  type        = number
  default     = 1
}
output "id" {
  description = "Id."
  value       = var.name
}
'''


def test_hcl_parse_accepts_valid_files(tmp_path):
    write(tmp_path, {"a/main.tf": MODULE, "p/x.pkr.hcl": 'source "null" "x" {\n  communicator = "none"\n}\n'})
    assert "2 HCL files parse" in hcl_parse.check(tmp_path)


def test_hcl_parse_rejects_a_syntax_error(tmp_path):
    write(tmp_path, {"a/main.tf": MODULE, "a/broken.tf": 'resource "x" "y" {\n  a = \n'})
    fails(hcl_parse.check, tmp_path, "a/broken.tf")


def test_hcl_parse_rejects_a_broken_packer_template(tmp_path):
    write(tmp_path, {"p/x.pkr.hcl": 'build {\n  sources = ["source.a.b"\n}\n'})
    fails(hcl_parse.check, tmp_path, "p/x.pkr.hcl")


def call(body):
    return f'module "m" {{\n  source = "../mod"\n{body}}}\n'


def test_module_call_with_required_variables_resolves(tmp_path):
    write(tmp_path, {"mod/variables.tf": MODULE, "ex/main.tf": call('  name = "a"\n'),
                     "ex/variables.tf": 'variable "v" {\n  type = string\n}\n', "ex/env/dev.tfvars": 'v = "x"\n'})
    assert "1 module calls and 1 tfvars files" in tf_modules.check(tmp_path)


def test_module_call_missing_a_required_variable_fails(tmp_path):
    write(tmp_path, {"mod/variables.tf": MODULE, "ex/main.tf": call('  size = 2\n')})
    fails(tf_modules.check, tmp_path, "required variable name")


def test_module_call_with_an_unknown_argument_fails(tmp_path):
    write(tmp_path, {"mod/variables.tf": MODULE, "ex/main.tf": call('  name = "a"\n  colour = "red"\n')})
    fails(tf_modules.check, tmp_path, "argument colour is not a variable")


def test_module_call_to_a_missing_folder_fails(tmp_path):
    write(tmp_path, {"ex/main.tf": 'module "m" {\n  source = "../nowhere"\n}\n'})
    fails(tf_modules.check, tmp_path, "source ../nowhere is not a folder")


def test_tfvars_with_unknown_or_missing_variables_fail(tmp_path):
    write(tmp_path, {"ex/variables.tf": 'variable "v" {\n  type = string\n}\n', "ex/env/prod.tfvars": 'w = "x"\n'})
    fails(tf_modules.check, tmp_path, "w is not a variable", "required variable v is not set")


def test_module_readme_tables_must_match_variables(tmp_path):
    write(tmp_path, {"terraform/modules/m/variables.tf": MODULE, "terraform/modules/m/versions.tf": "",
                     "terraform/modules/m/outputs.tf": "",
                     "terraform/modules/m/README.md": f"# m\n\n{tf_docs.BEGIN}\n{tf_docs.END}\n"})
    fails(tf_docs.check, tmp_path, "out of date")
    tf_docs.write(tmp_path)
    assert "1 module READMEs" in tf_docs.check(tmp_path)
    text = (tmp_path / "terraform/modules/m/README.md").read_text()
    assert "| `name` | Name. | `string` | n/a | yes |" in text


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not installed (the check skips too)")
def test_fmt_flags_a_misformatted_file(tmp_path):
    write(tmp_path, {"ok.tf": 'locals {\n  a  = 1\n  bb = 2\n}\n', "bad.pkr.hcl": 'locals {\n  a = 1\n  bb = 2\n}\n'})
    fails(tf_fmt.check, tmp_path, "bad.pkr.hcl")
    (tmp_path / "bad.pkr.hcl").unlink()
    assert "1 files formatted" in tf_fmt.check(tmp_path)


EXAMPLE = '''
variable "size" {
  type = number
  validation {
    condition     = var.size > 0
    error_message = "size must be positive."
  }
}
output "size" {
  value = var.size
}
'''


@pytest.mark.skipif(shutil.which("terraform") is None or tf_plan.plugin_dir() is None,
                    reason="terraform or its provider mirror is not installed (the check skips too)")
def test_plan_runs_every_tfvars_and_fails_on_a_bad_value(tmp_path):
    write(tmp_path, {"terraform/examples/e/main.tf": EXAMPLE, "terraform/examples/e/env/dev.tfvars": "size = 2\n"})
    assert "e/dev" in tf_plan.check(tmp_path)
    write(tmp_path, {"terraform/examples/e/env/prod.tfvars": "size = 0\n"})
    fails(tf_plan.check, tmp_path, "env/prod.tfvars: terraform plan failed", "size must be positive")
