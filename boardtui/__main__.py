from boardtui.cli import main

raise SystemExit(main())
