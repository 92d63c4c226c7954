from mutasi.cli.app import main

main()
