import DocCtlCommandLine

DocCtlCommand.main()
