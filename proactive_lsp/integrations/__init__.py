"""Ways other tools start or embed us: jupyter-lsp's spec entry point and a pylsp plugin."""
