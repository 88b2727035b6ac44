import sys

from minga.cli import main

sys.exit(main())
