console.log('violence-contagion CLI: coming soon');
