import sys

from proactive_lsp.cli.main import main

sys.exit(main())
