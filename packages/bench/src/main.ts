console.log('tsx ok', process.argv.slice(2));
